/**
 * The one IPC contract: every channel the renderer may call and every event
 * main may push, each declared once with its zod schemas. Features add their
 * own `*Channels` / `*Events` maps here — one line each.
 */
import type { z } from 'zod';
import type { ChannelMap, EventMap } from './define';
import type { Result } from '../errors';
import { foundationChannels, foundationEvents } from '../foundation/contract';
import { associationChannels, associationEvents } from '../association/contract';
import { partnerChannels, partnerEvents } from '../association/partnerContract';
import { callChannels, callEvents } from '../calls/contract';
import { screenPopChannels, screenPopEvents } from '../calls/screenPop';
import { consentChannels } from '../consent/contract';
import { eseChannels, eseEvents } from '../ese/contract';
import { matchChannels, matchEvents } from '../match/contract';
import { sepChannels } from '../sep/contract';
import { centralChannels, centralEvents } from '../central/contract';
import { supervisorChannels } from '../supervisor/contract';
import { supervisorDrillChannels } from '../supervisor/drill';

export const channels = {
  ...foundationChannels,
  ...matchChannels,
  ...eseChannels,
  ...associationChannels,
  ...partnerChannels,
  ...consentChannels,
  ...callChannels,
  ...screenPopChannels,
  ...sepChannels,
  ...centralChannels,
  ...supervisorChannels,
  ...supervisorDrillChannels,
} satisfies ChannelMap;

export const events = {
  ...foundationEvents,
  ...matchEvents,
  ...eseEvents,
  ...associationEvents,
  ...partnerEvents,
  ...callEvents,
  ...screenPopEvents,
  ...centralEvents,
} satisfies EventMap;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What a caller sends (before defaults and trimming). */
export type RequestIn<K extends ChannelName> = z.input<Channels[K]['request']>;
/** What a handler receives (after parsing). */
export type RequestOf<K extends ChannelName> = z.output<Channels[K]['request']>;
export type ResponseOf<K extends ChannelName> = z.output<Channels[K]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/**
 * What the renderer sees, whoever hosts it: the Electron preload and the
 * browser harness client both implement exactly this.
 */
export interface DeskBridge {
  invoke<K extends ChannelName>(channel: K, request: RequestIn<K>): Promise<Result<ResponseOf<K>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Resolves once main's events reach this window. Electron's IPC delivers from the
   * first `on`; the harness's event stream needs a round trip to open, and an event
   * pushed before that (a screen pop) would be missed.
   */
  connected?(): Promise<void>;
}
