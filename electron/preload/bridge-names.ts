/**
 * Names shared by main and the preload. Contract channels travel under their own names
 * (`domain:verb`); events travel on one channel that is not a contract channel, so the renderer can
 * never invoke it.
 */
export const EVENT_CHANNEL = 'shell:event';

/** What the application menu asks the renderer to do; delivered through onEvent like app events. */
export type MenuCommand = 'new-invoice' | 'print' | 'save-pdf' | 'settings' | 'help';
export interface MenuEvent {
  type: 'menu:command';
  command: MenuCommand;
}
