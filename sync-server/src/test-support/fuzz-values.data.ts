// Hostile values for the auth fuzz (fuzz-requests.ts): each line is a way real clients or attackers get input wrong.
import { PASSWORD_MAX_LENGTH } from '@poisklinik/shared';

export const nasty = [
  '',
  ' ',
  '\u0000',
  'anna\u0000@example.org',
  '\u202Eanna@example.org',
  'Ан\u202Eна',
  'an\u200Bna@example.org',
  'аnna@example.org', // Cyrillic "а"
  'ａｎｎａ＠ｅｘａｍｐｌｅ．ｏｒｇ', // full-width
  'anna@exаmple.org', // Cyrillic "а" in the domain
  'anna@почта.рф',
  'anna@xn--80a1acny.xn--p1ai',
  'ANNA@EXAMPLE.ORG ',
  'anna@@example.org',
  'anna@example..org',
  'anna@[127.0.0.1]',
  'anna@localhost',
  '"anna"@example.org',
  'a'.repeat(65) + '@example.org',
  'x@' + 'a'.repeat(63) + '.' + 'b'.repeat(190) + '.org',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '{"$ne":null}',
  '${jndi:ldap://example.org/a}',
  '../../../etc/passwd',
  '%00%2e%2e',
  '\ud800', // lone surrogate
  '\udfff\ud800',
  '🔑'.repeat(300),
  'й'.repeat(PASSWORD_MAX_LENGTH + 1),
  'short',
  '12345678',
  'password',
  '+7 (910) 123-45-6x',
  '+1 555 123 4567',
  '0000000000',
  '+7９１０１２３４５６７\u0000',
  'u' + 'a'.repeat(20),
  'uaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  'admin',
];

export const strangeKeys = ['__proto__', 'constructor', 'prototype', 'roles', 'isAdmin', 'userId', '_id', '', 'email '];

export const queries = [
  '?email=a&limit=5',
  '?limit=99999999999999999999999',
  '?limit=-5',
  '?limit=1e3',
  '?email=a&email=b',
  '?email[]=a',
  '?email[$ne]=x',
  '?__proto__[roles]=admin',
  '?constructor[prototype][admin]=1',
  '?%ZZ=1',
  '?=&=&&&',
  '?email=%00%E2%80%AE',
  `?a=${'x'.repeat(6000)}`,
  `?${'a=1&'.repeat(1000)}`,
  '?feed=longpoll&timeout=999999999&since=now',
  '?feed=continuous',
  '?since=-1&limit=0',
  '?include_docs=maybe&style=all_docs',
  '?keys=[[[[[[[[[[',
  '?startkey="\uFFFF"&endkey=%22%22',
];

export const contentTypes = [
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/merge-patch+json',
];

export const otherMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'TRACE'];
