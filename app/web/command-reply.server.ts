import type { CommandResult, Ok, Refused } from "~/models/command.server";

/** A refusal as the error page: its status and reason, like the guards' 400/403/404. */
export function refusal(result: Refused): never {
  throw new Response(result.refused, { status: result.status });
}

/** The value of a command that cannot conflict; a refusal becomes the error page. */
export function valueOf<T>(result: CommandResult<T>): T {
  if (!result.ok) refusal(result as Refused);
  return (result as Ok<T>).value;
}
