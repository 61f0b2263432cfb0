function plural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules('ru').select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

/** Review texts (issue 6), spread into the Russian dictionary as `reviews`. */
export const reviewsRu = {
  title: 'Отзывы',
  ratingLabel: 'Рейтинг',
  /** "★ 4,5 · 12 отзывов": the list row and the clinic page. */
  count: (n: number) => `${n} ${plural(n, 'отзыв', 'отзыва', 'отзывов')}`,
  ratingAria: (score: string, n: number) =>
    `Средняя оценка ${score} из 5, ${n} ${plural(n, 'отзыв', 'отзыва', 'отзывов')}`,
  noReviews: 'Отзывов пока нет.',
  notOnDevice: 'Отзывы ещё не загружены на устройство: для этого нужна сеть.',
  age: (when: string) => `Отзывы обновлены: ${when}`,
  anonymousAuthor: 'Пациент',
  scoreOf: (score: number) => `Оценка ${score} из 5`,
  signInToWrite: 'Чтобы оставить отзыв, войдите в аккаунт — после входа вы вернётесь сюда.',
  expiredToWrite: 'Сессия истекла — войдите снова, чтобы оставить отзыв.',
  yourReview: 'Ваш отзыв',
  write: 'Оставить отзыв',
  edit: 'Изменить',
  delete: 'Удалить отзыв',
  deleteConfirm: 'Удалить ваш отзыв?',
  deleteYes: 'Да, удалить',
  deleteNo: 'Нет',
  cancel: 'Отмена',
  scoreLegend: 'Оценка',
  stars: (n: number) => `${n} ${plural(n, 'звезда', 'звезды', 'звёзд')}`,
  textLabel: 'Текст отзыва',
  counter: (used: number, max: number) => `${used} / ${max}`,
  save: 'Сохранить отзыв',
  problems: {
    score: 'Выберите оценку от 1 до 5.',
    text_long: 'Текст длиннее 1000 символов — сократите его.',
  },
  offlineNote: 'Нет сети: отзыв сохранится на устройстве и отправится при подключении.',
  statusLabel: 'Статус отзыва',
  status: {
    pending: 'ожидает отправки',
    published: 'опубликован',
    hidden: 'скрыт модератором',
    rejected: 'отклонён',
  },
  reasons: {
    clinic_missing: 'этой клиники больше нет в справочнике',
    invalid: 'в отзыве ошибка, исправьте его и сохраните снова',
  },
  moderationNote: (note: string) => `Комментарий модератора: ${note}`,
};
