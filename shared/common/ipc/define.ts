import type { z } from 'zod';

/** One request/response channel of the IPC contract. */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** What the channel does, in one line (shown in the CLI's `contract` listing). */
  summary: string;
}

/** One push event from main to every renderer. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: ChannelSpec<Req, Res>): ChannelSpec<Req, Res> {
  return spec;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}

/** Every channel and event name carries the `app:` prefix, so a stray Electron channel can never match. */
export type ChannelMap = Record<`app:${string}`, ChannelSpec>;
export type EventMap = Record<`app:${string}`, EventSpec>;
