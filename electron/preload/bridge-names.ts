/**
 * Names shared by main and the preload. Contract channels travel under their own names
 * (`domain:verb`); events travel on one channel that is not a contract channel, so the renderer can
 * never invoke it.
 */
import type { AppEvent } from '../../shared/ipc/contract';

export const EVENT_CHANNEL = 'shell:event';

/** What the application menu asks the renderer to do; delivered through onEvent like app events (see AppEventSchema). */
export type MenuEvent = Extract<AppEvent, { type: 'menu:command' }>;
export type MenuCommand = MenuEvent['command'];
