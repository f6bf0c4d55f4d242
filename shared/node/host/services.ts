/**
 * Every feature service, built on the same core. Features add one line each.
 */
import type { DeskCore } from './desk';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- features add their services here
export interface DeskServices {}

export function createServices(_core: DeskCore): DeskServices {
  return {};
}
