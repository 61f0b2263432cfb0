import type { reviewsRu } from './reviews.ru';

function plural(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

/** Review texts (issue 6), spread into the English dictionary as `reviews`. */
export const reviewsEn = {
  title: 'Reviews',
  ratingLabel: 'Rating',
  count: (n: number) => `${n} ${plural(n, 'review', 'reviews')}`,
  ratingAria: (score: string, n: number) => `Average score ${score} of 5, ${n} ${plural(n, 'review', 'reviews')}`,
  noReviews: 'No reviews yet.',
  notOnDevice: 'Reviews are not on this device yet: that needs a network.',
  age: (when: string) => `Reviews updated: ${when}`,
  anonymousAuthor: 'Patient',
  scoreOf: (score: number) => `Score ${score} of 5`,
  signInToWrite: 'Sign in to write a review — you will come back here afterwards.',
  expiredToWrite: 'Your session expired — sign in again to write a review.',
  yourReview: 'Your review',
  write: 'Write a review',
  edit: 'Edit',
  delete: 'Delete review',
  deleteConfirm: 'Delete your review?',
  deleteYes: 'Yes, delete',
  deleteNo: 'No',
  cancel: 'Cancel',
  scoreLegend: 'Score',
  stars: (n: number) => `${n} ${plural(n, 'star', 'stars')}`,
  textLabel: 'Review text',
  counter: (used: number, max: number) => `${used} / ${max}`,
  save: 'Save review',
  problems: {
    score: 'Choose a score from 1 to 5.',
    text_long: 'The text is longer than 1,000 characters — please shorten it.',
  },
  offlineNote: 'No network: the review is saved on this device and sent once connected.',
  statusLabel: 'Review status',
  status: {
    pending: 'waiting to be sent',
    published: 'published',
    hidden: 'hidden by a moderator',
    rejected: 'rejected',
  },
  reasons: {
    clinic_missing: 'this clinic is no longer in the directory',
    invalid: 'the review has an error; correct it and save again',
  },
  moderationNote: (note: string) => `Moderator's note: ${note}`,
} satisfies typeof reviewsRu;
