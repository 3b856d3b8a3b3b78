import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { BotConfig } from './bot-config';
import { cardInvokeResponse, cardMessage, errorReply, invokeResponseActivity, type LogLine } from './card-replies';

/**
 * The Bot Framework adapter. With an app id, every request to /api/messages must carry a
 * valid Bot Framework token (the adapter's authentication checks it and answers 401); without
 * one, calls are anonymous, which the server configuration only allows on loopback.
 */
export function createAdapter(config: BotConfig, log: LogLine): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    ...(config.appTenantId ? { MicrosoftAppTenantId: config.appTenantId } : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = (context, error) => onTurnError(context, error, log);
  return adapter;
}

/**
 * The last resort for a turn: the person gets a short, kind card with a reference to quote;
 * the log gets the detail and the same reference. Never a stack, never raw error text.
 */
export async function onTurnError(context: TurnContext, error: unknown, log: LogLine): Promise<void> {
  const activity = context.activity;
  const { card } = errorReply(error, log, `bot ${activity.type}${activity.name ? ` ${activity.name}` : ''}`);
  try {
    if (activity.type === 'invoke') await context.sendActivity(invokeResponseActivity(cardInvokeResponse(card)));
    else if (activity.type === 'message') await context.sendActivity(cardMessage(card));
    // Events (installs, membership) have nobody waiting for a reply: the log is enough.
  } catch (sendError) {
    log(`error sending the error card failed: ${sendError instanceof Error ? sendError.message.split('\n')[0] : String(sendError)}`);
  }
}
