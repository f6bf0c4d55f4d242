import { channels, events } from '../../../common/ipc/contract';
import type { CliCommand } from '../command';

type Listing = { channels: { name: string; summary: string }[]; events: { name: string; summary: string }[] };

export const contractList: CliCommand = {
  words: ['contract'],
  summary: 'List every IPC channel and event of the contract.',
  usage: '',
  run: (): Listing => ({
    channels: Object.entries(channels).map(([name, c]) => ({ name, summary: c.summary })),
    events: Object.entries(events).map(([name, e]) => ({ name, summary: e.summary })),
  }),
  text: (l: Listing) =>
    ['Channels:', ...l.channels.map((c) => `  ${c.name.padEnd(32)} ${c.summary}`), 'Events:', ...l.events.map((e) => `  ${e.name.padEnd(32)} ${e.summary}`)].join('\n'),
};
