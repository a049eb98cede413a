/**
 * The practice IRP's GSP front doors: /gsp/<preset>/… answers in the style of that GSP (its own
 * sign-in, headers, paths, envelope and failures) and reaches the practice IRP the way a GSP reaches
 * NIC. `einvoice profile add … --endpoint practice-gsp` points a GSP profile here.
 */
import type { IrpContext, IrpRequest, Reply } from '../context';
import { NOT_FOUND_PAGE } from '../envelope';
import type { Door } from './common';
import { adaequareDoor } from './door-adaequare';
import { cleartaxAspDoor, cleartaxGspDoor } from './door-cleartax';
import { mastergstDoor } from './door-mastergst';
import { mastersIndiaDoor } from './door-mastersindia';
import { taxproDoor } from './door-taxpro';
import { vayanaDoor, vayanaEasDoor } from './door-vayana';

export const DOORS: Readonly<Record<string, Door>> = {
  adaequare: adaequareDoor,
  taxpro: taxproDoor,
  mastergst: mastergstDoor,
  'cleartax-gsp': cleartaxGspDoor,
  'cleartax-asp': cleartaxAspDoor,
  vayana: vayanaDoor,
  'vayana-eas': vayanaEasDoor,
  mastersindia: mastersIndiaDoor,
};

/** `/gsp/<preset>/rest` → that door with `/rest`; undefined when the path is not a front door's. */
export function handleGspDoor(req: IrpRequest, ctx: IrpContext): Reply | undefined {
  const m = /^\/gsp\/([a-z-]+)(\/.*)?$/i.exec(req.path);
  if (!m) return undefined;
  const door = DOORS[(m[1] ?? '').toLowerCase()];
  return door ? door(req, ctx, m[2] ?? '/') : NOT_FOUND_PAGE;
}

export { gspAccountsView } from './published';
