import 'i18next';
import type { resources } from './index';

// Keys are checked at compile time: a misspelt key or a missing placeholder fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: (typeof resources)['en'];
    returnNull: false;
  }
}
