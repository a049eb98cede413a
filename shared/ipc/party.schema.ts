/**
 * A party (buyer) as the contract shows it: the editor's pickers (contract.ts) and the Parties
 * screen (contract-desk.ts, which adds the second address line) share it, so it lives apart from
 * both to be imported by both.
 */
import { z } from 'zod';

const Id = z.number().int().positive();

export const PartySchema = z.object({
  id: Id,
  gstin: z.string().optional(),
  legalName: z.string(),
  tradeName: z.string().optional(),
  address1: z.string().optional(),
  location: z.string().optional(),
  pin: z.number().int().optional(),
  stateCode: z.string().optional(),
  /** GST master status (ACT, CNL, INA, PRO, SUS) when it came from a lookup. */
  status: z.string().optional(),
  blocked: z.boolean(),
  source: z.enum(['lookup', 'manual']),
  lookedUpAt: z.string().optional(),
});
