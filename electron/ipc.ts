import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../shared/common/ipc/contract';
import type { DeskThread } from '../shared/node/host/deskThread';
import { isOwnUrl } from '../shared/node/security/navigation';

/**
 * The only way into main from a page: one ipcMain.handle per contract channel
 * (no generic "call anything" channel), each checking that the sender is the
 * top frame of one of our windows showing our own origin, then handing the
 * raw payload to the router, which validates it against the contract.
 */
export function serveContract(desk: DeskThread, windows: () => BrowserWindow[]): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!windows().some((w) => w.webContents.id === event.sender.id)) return false;
    return isOwnUrl(frame.url);
  };
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!trusted(event)) return { ok: false, error: { code: 'refused', message: 'This request did not come from a kynect Desk window.' } };
      return desk.dispatch(channel, payload, { via: 'electron' });
    });
  }
  // Events go to every window of ours; the payload only, never an Electron object.
  desk.events.subscribe((name, payload) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(name, payload);
  });
}
