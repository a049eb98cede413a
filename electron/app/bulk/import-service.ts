/**
 * The import, up to the preview (issue 14): analyse a file (kind, sheets, header row, headers with
 * samples, the mapping found by header or saved for this layout), then read it through the mapping
 * into documents, check each with the IRP's validator, and flag documents the ledger already has.
 * Nothing is written here; import-commit.ts saves what the preview found valid.
 */
import { basename } from 'node:path';
import { financialYear } from '../../../shared/dates';
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import { validationOptions } from '../../../shared/einvoice/check';
import { checkDocument, locate, problemsOf } from '../../../shared/import/check';
import { buildDocuments } from '../../../shared/import/documents';
import { inv01ToDoc, locateJson } from '../../../shared/import/inv01';
import { autoMap, fitMapping, layoutKey, missingRequired, type ImportMapping } from '../../../shared/import/mapping';
import type { ImportBusiness, ImportDoc, ImportProblem } from '../../../shared/import/types';
import type { HsnMaster } from '../../../shared/gst/hsn';
import { sellerOf } from '../handlers/invoices.handlers';
import type { Business, Ledger } from '../../ledger';
import { ImportMappingsRepo } from '../../ledger/import-mappings.repo';
import { DEFAULT_LIMITS, type ImportLimits } from './limits';
import { readJsonDocuments, sniffKind, type FileKind } from './read-file';
import { mapper, openTable, Samples } from './table';
import { checkSetupFor } from '../seller-setup';

export interface ImportEnv {
  ledger: Ledger;
  hsn: HsnMaster;
  now: () => Date;
  limits?: ImportLimits;
}

export interface Analysis {
  kind: FileKind;
  fileName: string;
  sheets: string[];
  sheet?: string;
  headerRow?: number;
  headers: string[];
  /** A few values of each column, for the mapping step. */
  samples: string[][];
  dataRows: number;
  /** The mapping to start from: the one saved for this layout, else the headers matched. */
  mapping: ImportMapping;
  savedMapping?: string;
  layoutKey: string;
  missing: string[];
}

export async function analyzeFile(env: ImportEnv, file: string, at: { sheet?: string; headerRow?: number; fileName?: string } = {}): Promise<Analysis> {
  const limits = env.limits ?? DEFAULT_LIMITS;
  const kind = await sniffKind(file, limits);
  const fileName = at.fileName ?? basename(file);
  if (kind === 'json') {
    const docs = await readJsonDocuments(file, limits);
    return { kind, fileName, sheets: [], headers: [], samples: [], dataRows: docs.length, mapping: { columns: {} }, layoutKey: 'json', missing: [] };
  }
  const table = await openTable(file, kind, limits, at);
  const samples = new Samples(table.head.headers.length);
  let dataRows = 0;
  for await (const r of table.rows) {
    if (r.cells.every((c) => c === null)) continue;
    dataRows += 1;
    if (dataRows <= 500) samples.add(r);
  }
  const key = layoutKey(table.head.headers);
  const saved = new ImportMappingsRepo(env.ledger.db, env.now).forLayout(key);
  const mapping = saved ? fitMapping(saved.mapping as ImportMapping, table.head.headers).mapping : autoMap(table.head.headers);
  const { sheets, sheet, headerRow, headers } = table.head;
  return {
    kind, fileName, sheets, ...(sheet ?? sheets[0] ? { sheet: sheet ?? sheets[0] } : {}), headerRow, headers, samples: samples.values, dataRows,
    mapping: { ...mapping, ...(kind === 'xlsx' && (sheet ?? sheets[0]) ? { sheet: sheet ?? sheets[0] } : {}), headerRow },
    ...(saved ? { savedMapping: saved.name } : {}),
    layoutKey: key,
    missing: missingRequired(mapping),
  };
}

export type DocStatus = 'ok' | 'error' | 'duplicate';

export interface PreparedDoc {
  doc: ImportDoc;
  status: DocStatus;
  payload: Inv01;
  totalPaise: number;
}

export interface Prepared {
  kind: FileKind;
  fileName: string;
  layoutKey: string;
  mapping: ImportMapping;
  docs: PreparedDoc[];
  /** Errors and warnings, ordered by file row. */
  problems: ImportProblem[];
  lines: number;
}

export interface PrepareOptions {
  mapping?: ImportMapping;
  /** The business of files without a seller column (required when there are several). */
  businessId?: number;
  fileName?: string;
  onProgress?: (done: number, total: number) => void;
}

function importBusiness(b: Business): ImportBusiness {
  return { id: b.id, gstin: b.gstin, seller: sellerOf(b) };
}

/** Reads the file through the mapping, checks every document and looks for duplicates. */
export async function prepareImport(env: ImportEnv, file: string, o: PrepareOptions = {}): Promise<Prepared> {
  const limits = env.limits ?? DEFAULT_LIMITS;
  const kind = await sniffKind(file, limits);
  const fileName = o.fileName ?? basename(file);
  const all = env.ledger.businesses.list();
  const businesses = all.map(importBusiness);
  const chosenRecord = o.businessId !== undefined ? all.find((b) => b.id === o.businessId) : all.length === 1 ? all[0] : undefined;
  const chosen = chosenRecord ? importBusiness(chosenRecord) : undefined;
  const problems: ImportProblem[] = [];
  let docs: ImportDoc[];
  let where: (doc: ImportDoc, path: string) => { row: number; column: string };
  let mapping: ImportMapping = { columns: {} };
  let key = 'json';
  if (kind === 'json') {
    const values = await readJsonDocuments(file, limits);
    docs = values.map((v, i) => inv01ToDoc(v, i, businesses, o.businessId !== undefined ? chosen : undefined));
    where = locateJson;
  } else {
    const table = await openTable(file, kind, limits, { ...(o.mapping?.sheet ? { sheet: o.mapping.sheet } : {}), ...(o.mapping?.headerRow ? { headerRow: o.mapping.headerRow } : {}) });
    key = layoutKey(table.head.headers);
    const fitted = fitMapping(o.mapping ?? autoMap(table.head.headers), table.head.headers);
    mapping = { ...fitted.mapping, headerRow: table.head.headerRow, ...(table.head.sheet ? { sheet: table.head.sheet } : {}) };
    for (const h of fitted.unknownHeaders) problems.push({ row: table.head.headerRow, column: h, code: 'UNMAPPED', severity: 'error', message: `The mapping names a column "${h}" this file does not have` });
    for (const m of missingRequired(mapping)) problems.push({ row: table.head.headerRow, column: '', code: 'UNMAPPED', severity: 'error', message: `No column is mapped to ${m}` });
    const toSource = mapper(table.head.headers, mapping);
    async function* source() {
      for await (const r of table.rows) yield toSource(r);
    }
    const rows = [];
    for await (const r of source()) rows.push(r);
    docs = problems.some((p) => p.code === 'UNMAPPED') ? [] : buildDocuments(rows, { mapping, businesses, ...(chosen ? { business: chosen } : {}), party: partyLookup(env.ledger) }, problems);
    const columns = mapping.columns;
    where = (doc, path) => locate(doc, path, columns);
  }
  const prepared = checkAll(env, docs, where, all, o.onProgress);
  problems.push(...prepared.flatMap((p) => p.problems));
  problems.sort((a, b) => a.row - b.row || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return { kind, fileName, layoutKey: key, mapping, docs: prepared.map((p) => p.prepared), problems, lines: docs.reduce((n, d) => n + d.draft.lines.length, 0) };
}

function partyLookup(ledger: Ledger) {
  return (gstin: string) => {
    const p = ledger.parties.getByGstin(gstin);
    return p && { legalName: p.legalName, ...(p.tradeName ? { tradeName: p.tradeName } : {}), ...(p.address1 ? { address1: p.address1 } : {}), ...(p.address2 ? { address2: p.address2 } : {}), ...(p.location ? { location: p.location } : {}), ...(p.pin ? { pin: p.pin } : {}), ...(p.stateCode ? { stateCode: p.stateCode } : {}) };
  };
}

function checkAll(env: ImportEnv, docs: ImportDoc[], where: (doc: ImportDoc, path: string) => { row: number; column: string }, businesses: Business[], onProgress?: (done: number, total: number) => void) {
  const now = env.now();
  // the same facts the editor, the engine and the CLI check with (seller-setup.ts)
  const options = new Map(businesses.map((b) => [b.id, validationOptions(checkSetupFor(env.ledger, b, now), env.hsn)]));
  const identities = new Map<string, number>();
  return docs.map((doc, i) => {
    const business = businesses.find((b) => b.id === doc.businessId);
    const check = checkDocument(doc, options.get(doc.businessId ?? -1) ?? validationOptions(checkSetupFor(env.ledger, undefined, now), env.hsn));
    const problems = problemsOf(doc, check, (p) => where(doc, p));
    let status: DocStatus = problems.some((p) => p.severity === 'error') ? 'error' : 'ok';
    const docNo = doc.draft.docNo;
    if (business && doc.isoDate && docNo) {
      const identity = [business.gstin, financialYear(doc.isoDate), doc.draft.docType, docNo.toUpperCase()].join('|');
      const { row, column } = where(doc, 'DocDtls.No');
      const earlier = identities.get(identity);
      const held = env.ledger.invoices.findByIdentity(business.gstin, doc.draft.docType, docNo, doc.isoDate);
      if (held) {
        status = 'duplicate';
        problems.push({ row, column, code: 'DUPLICATE', severity: 'error', docNo, message: `${doc.draft.docType} ${docNo} of FY ${financialYear(doc.isoDate)} is already in the ledger (${held.status}); it is not imported again and the one there is left as it is` });
      } else if (earlier !== undefined) {
        status = 'duplicate';
        problems.push({ row, column, code: 'DUPLICATE_IN_FILE', severity: 'error', docNo, message: `${doc.draft.docType} ${docNo} of FY ${financialYear(doc.isoDate)} is also on row ${earlier} with another date; the IRP would refuse the second as a duplicate` });
      } else identities.set(identity, doc.firstRow);
    }
    if ((i + 1) % 200 === 0) onProgress?.(i + 1, docs.length);
    return { prepared: { doc, status, payload: check.payload, totalPaise: Math.round(check.payload.ValDtls.TotInvVal * 100) }, problems };
  });
}
