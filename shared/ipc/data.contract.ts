/**
 * The ledger's own care (Settings → Data), spread into CONTRACT (contract.ts): where the data lives,
 * backups and restore (run off the main thread, issue 13), and the full integrity check (issue 16).
 */
import { z } from 'zod';
import { Empty } from './base.schema';

export const DATA_CONTRACT = {
  /** Settings → Data: where the ledger lives, how big, how much it holds, where backups go. */
  'data:info': {
    request: Empty,
    response: z.object({
      dataDir: z.string(),
      ledgerFile: z.string(),
      ledgerBytes: z.number().int(),
      invoices: z.number().int(),
      registrations: z.number().int(),
      backupsDir: z.string(),
      lastBackupAt: z.string().optional(),
    }),
  },
  /** A verified online backup into <data>/backups (ledger-YYYYMMDD-HHmmss.sqlite, IST). */
  'data:backup': {
    request: Empty,
    response: z.object({ fileName: z.string(), bytes: z.number().int(), invoices: z.number().int(), registrations: z.number().int(), createdAt: z.string() }),
  },
  'data:backups': {
    request: Empty,
    response: z.object({
      backups: z.array(z.object({
        fileName: z.string(),
        bytes: z.number().int(),
        createdAt: z.string(),
        safety: z.boolean(),
        invoices: z.number().int().optional(),
        registrations: z.number().int().optional(),
        problem: z.object({ code: z.string(), message: z.string() }).optional(),
      })),
    }),
  },
  /** Restores a file of the backups folder; RESTORE_WOULD_LOSE_IRNS (details: count, docNos) unless allowLosingIrns. */
  'data:restore': {
    request: z.object({ fileName: z.string().min(1).max(255), allowLosingIrns: z.boolean().optional() }),
    response: z.object({
      fileName: z.string(),
      invoices: z.number().int(),
      registrations: z.number().int(),
      safetyBackup: z.string(),
      lostIrns: z.object({ count: z.number().int(), docNos: z.array(z.string()) }),
    }),
  },
  /** SQLite's full integrity check of the ledger and its journal chain (issue 16); `message` is for people. */
  'data:check': {
    request: Empty,
    response: z.object({
      ok: z.boolean(),
      file: z.string(),
      problems: z.array(z.string()),
      journal: z.object({ ok: z.boolean(), entries: z.number().int().optional(), seq: z.number().int().optional(), reason: z.string().optional() }),
      readOnly: z.enum(['read-only-file', 'read-only-folder']).optional(),
      ms: z.number(),
      message: z.string(),
    }),
  },
};
