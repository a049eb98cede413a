/**
 * The state list of every state picker: ordered by name (not by code, which put 10…38, 96, 97
 * before 01…09), each shown with its GST code, so typing the first letters of the name selects it
 * and the code the GSTIN starts with is in sight.
 */
import { STATES } from '../../../shared/gst/states';

const BY_NAME = Object.entries(STATES).sort((a, b) => a[1].localeCompare(b[1], 'en-IN'));

export function StateOptions({ empty = '—' }: { empty?: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {BY_NAME.map(([code, name]) => (
        <option key={code} value={code}>{`${name} (${code})`}</option>
      ))}
    </>
  );
}
