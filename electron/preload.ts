/**
 * The whole of what a page can reach: `window.kynectDesk`, the DeskBridge of
 * the contract. No ipcRenderer, no Node, no event objects cross over.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannelName, isEventName, type DeskBridge } from '../shared/common/ipc/contract';

const bridge: DeskBridge = {
  invoke(channel, request) {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `There is no channel named ${String(channel)}.` } });
    }
    return ipcRenderer.invoke(channel, request);
  },
  on(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const forward = (_e: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('kynectDesk', bridge);
