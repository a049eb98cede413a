/**
 * What the editor says is wrong (issue 17 item 2): exactly what `einvoice validate` and the core
 * say (shared/einvoice/check.ts, with the business's facts from `editor:setup` and the HSN codes
 * from `masters:hsnCodes`), plus what only the form knows (text that is not a number or a date, a
 * number already used) and what the IRP answered last. A problem shows at its field once the field
 * was touched, or everywhere after a save or register attempt; the IRP's answers always show.
 * When the turnover band is unknown, the rules that depend on it block instead of guessing.
 */
import { useEffect, useMemo, useState } from 'react';
import { buildPayload, type DraftInvoice } from '../../../shared/einvoice/compute';
import { checkInvoice, type CheckSetup } from '../../../shared/einvoice/check';
import { hsnMasterFromCodes, type HsnMaster } from '../../../shared/gst/hsn';
import { formatDocDate } from '../../../shared/dates';
import { invoke, onEvent } from '../api/client';
import type { BusinessView } from '../api/types';
import type { Problem } from '../components/Field';
import { fieldOf, toDraft } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';

export interface FieldIssue extends Problem {
  field: string;
}

export interface EditorChecks {
  draft: DraftInvoice;
  /** False until the business's facts and the HSN codes are in: no verdict before that. */
  ready: boolean;
  setup?: CheckSetup;
  problems: (field: string) => Problem[] | undefined;
  warnings: (field: string) => Problem[] | undefined;
  /** Every error, shown or not yet, in form order. */
  all: FieldIssue[];
  /** The errors on screen now. */
  visible: FieldIssue[];
}

let hsnMaster: Promise<HsnMaster> | undefined;

function useHsnMaster(): HsnMaster | undefined {
  const [master, setMaster] = useState<HsnMaster>();
  useEffect(() => {
    hsnMaster ??= invoke('masters:hsnCodes', {}).then((r) => hsnMasterFromCodes(r.codes.split(',')));
    let live = true;
    hsnMaster.then((m) => live && setMaster(m), () => (hsnMaster = undefined));
    return () => void (live = false);
  }, []);
  return master;
}

function useSetup(businessId: number | undefined): CheckSetup | undefined {
  const [setup, setSetup] = useState<{ id: number; setup: CheckSetup }>();
  useEffect(() => {
    if (businessId === undefined) return;
    let live = true;
    const load = () => void invoke('editor:setup', { businessId }).then((s) => live && setSetup({ id: businessId, setup: s }), () => undefined);
    load();
    const off = onEvent((e) => e.type === 'settings:changed' && load());
    return () => {
      live = false;
      off();
    };
  }, [businessId]);
  return setup !== undefined && setup.id === businessId ? setup.setup : undefined;
}

export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** Band-dependent findings the validator can only warn about without the turnover (2199, 2305). */
const BAND_CODES = new Set(['2199', '2305']);
const SET_BAND = 'Set your turnover band in Settings → Business: the IRP decides this by it.';

function lineOf(field: string): string | undefined {
  return /^lines\.(\d+)\./.exec(field)?.[1];
}

export function useEditorChecks(business: BusinessView | undefined): EditorChecks {
  const form = useEditor((s) => s.form);
  const touched = useEditor((s) => s.touched);
  const showAll = useEditor((s) => s.showAll);
  const dirty = useEditor((s) => s.dirty);
  const serverErrors = useEditor((s) => s.serverErrors);
  const taken = useEditor((s) => s.numberTaken);
  const numberNote = useEditor((s) => s.numberNote);
  const hsn = useHsnMaster();
  const setup = useSetup(business?.id);

  const { draft, problems: formProblems } = useMemo(() => toDraft(form, business), [form, business]);
  // Rule checks (schema + rules over every line) wait for a pause in typing; totals cannot.
  const settled = useSettled(draft, 150);
  const report = useMemo(() => (setup && hsn ? checkInvoice(buildPayload(settled), setup, hsn) : undefined), [settled, setup, hsn]);

  return useMemo(() => {
    const all: FieldIssue[] = [];
    const warn: FieldIssue[] = [];
    const formFields = new Set(formProblems.map((p) => p.field));
    for (const p of formProblems) all.push({ field: p.field, code: p.code ?? 'FORMAT', message: p.message });
    const seen = new Set<string>();
    for (const v of report?.errors ?? []) {
      const field = fieldOf(v.path);
      seen.add(`${v.code}|${v.path}`);
      // text that is not a date or a valid number says so once, in its own words
      if (!formFields.has(field)) all.push({ field, code: v.code, message: v.message });
    }
    for (const v of report?.warnings ?? []) {
      const field = fieldOf(v.path);
      if (setup?.aatoCrore === undefined && BAND_CODES.has(v.code)) all.push({ field, code: v.code, message: `${v.message}. ${SET_BAND}` });
      else warn.push({ field, code: v.code, message: v.message });
    }
    if (taken) {
      all.push({ field: 'docNo', code: '2150', message: `${taken.docNo} is already used by a ${taken.status} document dated ${formatDocDate(taken.docDate)} in this financial year; the IRP refuses a number twice (duplicate IRN). Use the next number.` });
    }
    if (numberNote) warn.push({ field: 'docNo', code: 'SERIES', message: numberNote });
    // What only the core or the IRP could say (the IRP's answer to the last registration) until the next edit.
    const server: FieldIssue[] = dirty ? [] : serverErrors.filter((v) => !seen.has(`${v.code}|${v.path}`)).map((v) => ({ field: fieldOf(v.path), code: v.code, message: v.message }));
    all.push(...server);

    const touchedLines = new Set(Object.keys(touched).map(lineOf).filter((l): l is string => l !== undefined));
    const shown = (i: FieldIssue) => showAll || server.includes(i) || touched[i.field] === true || (/^lines\.\d+\.row$/.test(i.field) && touchedLines.has(lineOf(i.field) ?? ''));
    const visible = all.filter(shown);
    const byField = new Map<string, Problem[]>();
    for (const i of visible) byField.set(i.field, [...(byField.get(i.field) ?? []), { code: i.code, message: i.message }]);
    // block warnings (ship-to state, a note's original) always show: they explain a choice just made
    const warnByField = new Map<string, Problem[]>();
    for (const w of warn) if (/^(shipTo|dispatch|original)\b/.test(w.field) || shown(w)) warnByField.set(w.field, [...(warnByField.get(w.field) ?? []), { code: w.code, message: w.message }]);
    return {
      draft,
      ready: report !== undefined,
      ...(setup ? { setup } : {}),
      problems: (f) => byField.get(f),
      warnings: (f) => warnByField.get(f),
      all,
      visible,
    };
  }, [draft, formProblems, report, setup, taken, numberNote, dirty, serverErrors, touched, showAll]);
}
