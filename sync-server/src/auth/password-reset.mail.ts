import type { MailMessage } from '../mail/mailer.types';

export type MailLocale = 'ru' | 'en';

/** The reset mail in the user's language: plain text (read everywhere) plus a minimal HTML twin. */
export function passwordResetMail(to: string, link: string, locale: MailLocale): MailMessage {
  const t =
    locale === 'en'
      ? {
          subject: 'PoisKlinik: reset your password',
          greeting: 'Hello!',
          body: 'Someone (hopefully you) asked to reset the password of your PoisKlinik account. Open this link to choose a new password:',
          valid: 'The link is valid for 1 hour and works once.',
          ignore: 'If you did not ask for this, ignore this mail: your password stays the same.',
        }
      : {
          subject: 'ПоисКлиник: восстановление пароля',
          greeting: 'Здравствуйте!',
          body: 'Кто-то (надеемся, вы) попросил сбросить пароль вашей учётной записи в ПоисКлиник. Чтобы задать новый пароль, откройте ссылку:',
          valid: 'Ссылка действует 1 час и только один раз.',
          ignore: 'Если вы не запрашивали сброс, просто проигнорируйте это письмо: пароль останется прежним.',
        };
  const escaped = link.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return {
    to,
    kind: 'password_reset',
    subject: t.subject,
    text: `${t.greeting}\n\n${t.body}\n\n${link}\n\n${t.valid}\n${t.ignore}\n`,
    html:
      `<p>${t.greeting}</p><p>${t.body}</p><p><a href="${escaped}">${escaped}</a></p>` +
      `<p>${t.valid}<br>${t.ignore}</p>`,
  };
}
