import { WizardRefusal } from '../../common/association/wizard';
import { ConsentRefusal } from '../../common/consent/machine';
import { DeskError } from '../../common/errors';

/** A refusal of the pure wizard or consent machine becomes a typed IPC error, at a field when there is one. */
export function refused<T>(fn: () => T, field?: string): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ConsentRefusal || error instanceof WizardRefusal) {
      const source = error instanceof WizardRefusal ? error.source : undefined;
      throw field ? DeskError.atField(field, error.message, 'refused', source) : new DeskError('refused', error.message, undefined, source);
    }
    throw error;
  }
}
