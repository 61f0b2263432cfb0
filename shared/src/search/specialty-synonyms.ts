/**
 * Everyday words people type instead of Order 1061 specialty names, mapped to the specialty codes they mean.
 * Single words are indexed as extra words of those specialties (so prefixes and typos work on them too);
 * phrases are recognised in the query as a whole, because their words alone mean something else
 * ("детский" alone is every children's specialty, "детский врач" is a paediatrician).
 */
export type SpecialtySynonym = { readonly words: string; readonly codes: readonly string[] };

const STOMATOLOGY = ['31.08.72', '31.08.73', '31.08.74', '31.08.75', '31.08.76', '31.08.77'];

export const specialtyWordSynonyms: readonly SpecialtySynonym[] = [
  { words: 'зубной зубы зуб дантист стоматолог стоматологический', codes: STOMATOLOGY },
  { words: 'брекеты прикус', codes: ['31.08.77'] },
  { words: 'глазной глаза глаз окулист зрение', codes: ['31.08.59'] },
  { words: 'педиатр', codes: ['31.08.19'] },
  { words: 'гинеколог акушер беременность', codes: ['31.08.01'] },
  { words: 'лор ухо уши горло нос', codes: ['31.08.58'] },
  { words: 'сердце сердечный', codes: ['31.08.36', '31.08.13'] },
  { words: 'невропатолог невролог нервы', codes: ['31.08.42'] },
  { words: 'участковый', codes: ['31.08.49', '31.08.54'] },
  { words: 'дерматолог кожный кожа кожник венеролог', codes: ['31.08.32'] },
  { words: 'психолог', codes: ['31.08.22'] },
  { words: 'узи ультразвук', codes: ['31.08.11'] },
  { words: 'рентген флюорография снимок', codes: ['31.08.09'] },
  { words: 'мрт томография', codes: ['31.08.08', '31.08.09'] },
  { words: 'кт', codes: ['31.08.09'] },
  { words: 'анализы анализ лаборатория кровь', codes: ['31.08.05'] },
  { words: 'желудок', codes: ['31.08.28'] },
  { words: 'щитовидка щитовидная гормоны', codes: ['31.08.53'] },
  { words: 'диабет', codes: ['31.08.33', '31.08.53'] },
  { words: 'травмпункт перелом', codes: ['31.08.66'] },
  { words: 'аллергия', codes: ['31.08.26'] },
  { words: 'рак опухоль маммолог', codes: ['31.08.57'] },
  { words: 'проктолог', codes: ['31.08.55'] },
  { words: 'флеболог', codes: ['31.08.67', '31.08.63'] },
  { words: 'легкие', codes: ['31.08.45'] },
  { words: 'суставы', codes: ['31.08.46'] },
  { words: 'неотложка', codes: ['31.08.48'] },
  { words: 'массаж', codes: ['31.08.39'] },
];

export const specialtyPhraseSynonyms: readonly SpecialtySynonym[] = [
  { words: 'детский врач', codes: ['31.08.19'] },
  { words: 'детский доктор', codes: ['31.08.19'] },
  { words: 'женская консультация', codes: ['31.08.01'] },
  { words: 'ухо горло нос', codes: ['31.08.58'] },
  { words: 'семейный врач', codes: ['31.08.54'] },
  { words: 'зубной врач', codes: STOMATOLOGY },
  { words: 'глазной врач', codes: ['31.08.59'] },
];
