import { describe, expect, it } from 'vitest';
import { derivationalRoot, stemRussian } from './russian-stemmer';
import { normaliseSearchText, tokeniseSearchText } from './text-normalise';

describe('stemRussian', () => {
  // Word forms with the stems the Snowball Russian algorithm gives them.
  const table: [string, string][] = [
    ['вагон', 'вагон'],
    ['вагона', 'вагон'],
    ['вагоне', 'вагон'],
    ['вагонов', 'вагон'],
    ['вагоном', 'вагон'],
    ['вагоны', 'вагон'],
    ['важная', 'важн'],
    ['важнее', 'важн'],
    ['важнейшие', 'важн'], // superlative
    ['важного', 'важн'],
    ['длинный', 'длин'], // нн → н
    ['красивейшая', 'красив'],
    ['бегающий', 'бега'], // participle after "а"
    ['начинающийся', 'начина'], // reflexive, then participle
    ['прочитавшись', 'прочита'], // perfective gerund
    ['радость', 'радост'], // "ость" lies outside R2 here
    ['поликлиника', 'поликлиник'],
    ['поликлиники', 'поликлиник'],
    ['поликлиникам', 'поликлиник'],
    ['больница', 'больниц'],
    ['больницы', 'больниц'],
    ['лечение', 'лечен'],
    ['врачи', 'врач'],
    ['стоматология', 'стоматолог'],
    ['стоматологии', 'стоматолог'],
    ['стоматологический', 'стоматологическ'],
    ['стоматологическая', 'стоматологическ'],
    ['кардиолог', 'кардиолог'],
    ['кардиология', 'кардиолог'],
    ['офтальмология', 'офтальмолог'],
    ['детская', 'детск'],
    ['детский', 'детск'],
    ['городская', 'городск'],
    ['городской', 'городск'],
  ];
  it.each(table)('%s → %s', (word, stem) => {
    expect(stemRussian(word)).toBe(stem);
  });
  it('leaves words without a vowel (numbers, abbreviations) alone', () => {
    expect(stemRussian('12')).toBe('12');
    expect(stemRussian('кт')).toBe('кт');
  });
});

describe('derivationalRoot', () => {
  it('takes adjective stems to the noun stem they derive from', () => {
    expect(derivationalRoot(stemRussian('стоматологическая'))).toBe(stemRussian('стоматология'));
    expect(derivationalRoot(stemRussian('хирургическая'))).toBe(stemRussian('хирургия'));
    expect(derivationalRoot(stemRussian('глазной'))).toBe(stemRussian('глаза'));
    expect(derivationalRoot(stemRussian('зубной'))).toBe(stemRussian('зубы'));
  });
  it('keeps an "н" that follows a vowel, it belongs to the root', () => {
    expect(derivationalRoot('вагон')).toBe('вагон');
    expect(derivationalRoot('ленин')).toBe('ленин');
  });
});

describe('text normalisation', () => {
  it('lower-cases, folds ё and splits on punctuation, quotes and hyphens', () => {
    expect(normaliseSearchText('  Клиника «Здоровьё»,  ул.Ленина  ')).toBe('клиника здоровье ул ленина');
    expect(tokeniseSearchText('Врач-акушер-гинеколог')).toEqual(['врач', 'акушер', 'гинеколог']);
    expect(tokeniseSearchText('№ 6')).toEqual(['6']);
    expect(tokeniseSearchText('')).toEqual([]);
  });
});
