/**
 * GET /eivital/v1.04/Master/gstin/{gstin} and GET /eivital/v1.03/Master/syncgstin/{gstin}
 * (irp-protocol.md §4.5): the practice GSTIN master; sync re-reads "the GST portal", which may
 * turn a suspended taxpayer active (the 3029 → sync → retry path).
 */
import type { IrpContext, IrpRequest, Reply } from '../context';
import { err, irpFailure, irpSuccess } from '../envelope';
import { findTaxpayer, gstinDetails } from '../taxpayers';
import { gate } from './gate';

export function handleGstin(req: IrpRequest, ctx: IrpContext, gstin: string, sync: boolean): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const wanted = gstin.trim().toUpperCase();
  if (!/^[0-9]{2}[0-9A-Z]{13}$/.test(wanted)) return irpFailure([err('3030', 'Invalid Gstin')]);
  if (sync) {
    const portal = findTaxpayer(wanted)?.portalStatus;
    if (portal && ctx.taxpayer(wanted)?.status !== portal) {
      ctx.store.setTaxpayerStatus(wanted, portal);
      ctx.log(`sync ${wanted}: status now ${portal}`);
    }
  }
  const t = ctx.taxpayer(wanted);
  if (!t) return irpFailure([err('3001', 'Requested data is not available')]);
  return irpSuccess(g.session.token.sek, gstinDetails(t));
}
