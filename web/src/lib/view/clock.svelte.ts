import { browser } from '$app/environment';

/** The current time, ticking every 30 s so "open now" flips without a reload. */
class Clock {
  now = $state(new Date());

  constructor() {
    if (browser) setInterval(() => (this.now = new Date()), 30_000);
  }
}

export const clock = new Clock();
