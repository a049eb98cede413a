/** Small readings of e-way bill answers shared by raising a bill (irn-operations) and what follows it (ewb-operations). */
import type { InfoEntry } from '../../irp';
import type { EwayBillTransport } from '../../ledger';

/** The EWB system's "dd/MM/yyyy hh:mm:ss AM" (IST) as the ledger keeps IRP times: "yyyy-MM-dd HH:mm:ss". */
export function ewbSystemToIst(text: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AP]M)?$/i.exec(text.trim());
  if (!m) return text;
  let h = Number(m[4]);
  const pm = m[7]?.toUpperCase() === 'PM';
  if (m[7]) h = (h % 12) + (pm ? 12 : 0);
  return `${m[3]}-${m[2]}-${m[1]} ${String(h).padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}`;
}

/** The distance the IRP computed when 0 was sent: InfoDtls EWBPPD or Remarks, "Pin-Pin calc distance: 2467KM". */
export function computedDistance(info: readonly InfoEntry[], remarks: string | null | undefined): number | undefined {
  const texts = [...info.filter((i) => i.InfCd === 'EWBPPD').map((i) => String(i.Desc)), remarks ?? ''];
  for (const t of texts) {
    const m = /distance:\s*(\d+)\s*KM/i.exec(t);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** What an EWB-by-IRN request said about transport, in the ledger's terms. */
export function transportOf(body: { Distance: number; TransMode?: string; VehNo?: string; VehType?: string; TransDocNo?: string; TransDocDt?: string; TransId?: string; TransName?: string }, computedKm?: number): EwayBillTransport {
  const km = body.Distance > 0 ? body.Distance : computedKm;
  return {
    ...(km !== undefined ? { distanceKm: km } : {}),
    ...(body.TransMode ? { transMode: body.TransMode } : {}),
    ...(body.VehNo ? { vehicleNo: body.VehNo } : {}),
    ...(body.VehType ? { vehicleType: body.VehType } : {}),
    ...(body.TransDocNo ? { transDocNo: body.TransDocNo } : {}),
    ...(body.TransDocDt ? { transDocDt: body.TransDocDt } : {}),
    ...(body.TransId ? { transporterId: body.TransId } : {}),
    ...(body.TransName ? { transporterName: body.TransName } : {}),
  };
}

