/** An import mapping as it crosses a boundary (a --mapping FILE.json, the UI's request): checked by zod. */
import { z } from 'zod';
import { FIELD_IDS, type FieldId } from './fields';
import type { ImportMapping } from './mapping';

const Field = z.enum(FIELD_IDS as [FieldId, ...FieldId[]]);

export const ImportMappingSchema = z.object({
  columns: z.partialRecord(Field, z.string().min(1).max(300)),
  defaults: z.object({
    docType: z.enum(['INV', 'CRN', 'DBN']).optional(),
    supplyType: z.enum(['B2B', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP']).optional(),
  }).optional(),
  sheet: z.string().max(100).optional(),
  headerRow: z.number().int().min(1).max(1_000_000).optional(),
});

// the wire shape is exactly the import's own type
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _same: Same<z.output<typeof ImportMappingSchema>, ImportMapping> = true;
void _same;
