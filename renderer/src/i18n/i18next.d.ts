import 'i18next';
import type { resources } from './index';

// Keys are checked at compile time: a misspelt key or a missing placeholder fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: (typeof resources)['en'];
    returnNull: false;
    // What each of our formatters (renderer/src/i18n) takes: an instant, a yyyy-MM-dd day, seconds, a number.
    interpolationFormatTypeMap: { when: string | number | Date; day: string; clock: number; number: number };
  }
}
