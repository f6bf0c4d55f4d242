import { Placeholder } from '../../ui/Placeholder';

export function CallArea() {
  return <Placeholder items={["The call bar: caller type, talk, hold and wrap-up timers, hold and end", "Notes with templates, autosaved", "The call timeline: SEP summaries, member-match searches, consent records, associations, ESE intakes", "Wrap-up with a required disposition, and the history of past calls"]} />;
}
