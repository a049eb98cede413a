/** The IrpError a synchronous call throws (any other outcome fails the test). */
import { IrpError } from '../../electron/irp/errors';

export function irpErrorOf(fn: () => unknown): IrpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IrpError) return e;
    throw e;
  }
  throw new Error('expected an IrpError');
}
