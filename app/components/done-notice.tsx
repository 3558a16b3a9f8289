import { InsetText } from "~/components/nhs";

/** The notice that a change was just made, announced to screen readers; nothing when there is no message. */
export function DoneNotice({ message }: { message: string | null | undefined }) {
  return message ? (
    <InsetText role="status">
      <p>{message}</p>
    </InsetText>
  ) : null;
}
