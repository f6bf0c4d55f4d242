import { Placeholder } from '../../ui/Placeholder';

export function EseArea() {
  return <Placeholder items={["The Exceptional Special Enrollment intake form, with the 60-day window", "Forwarding to the ESE mailbox for committee review (reps do not decide eligibility)", "The intake list and the outbox, with resend and .eml export"]} />;
}
