import net from 'node:net';

/**
 * Preloaded into the Agents Playground (`node -r`): makes it listen on 127.0.0.1 only.
 *
 * Why: the playground calls `listen(port)` with no address, so it listens on every network
 * interface, and it sends the bot no sign-in token. Anyone on the same network (a hospital
 * or home Wi-Fi) could then drive the local bot as the demo facilitator. The server refuses
 * unauthenticated calls on anything but loopback; this keeps the playground to the same rule.
 * Only a listen given a port and no address is changed.
 */
const listen = net.Server.prototype.listen;

function hasNoHost(args: unknown[]): boolean {
  const [first, second] = args;
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  return isPort && typeof second !== 'string';
}

net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
  if (hasNoHost(args)) args.splice(1, 0, '127.0.0.1');
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;
