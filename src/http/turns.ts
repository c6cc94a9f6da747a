/**
 * Requests that reach the application take turns at the event loop, first come first served: one starts per turn of
 * the loop (a few, while turns show them to be cheap).
 *
 * Node accepts one new connection per turn of its event loop, and in one turn it reads every socket with a request
 * waiting and runs each request's synchronous part. With SQLite a request's work is synchronous from start to finish,
 * so when 50 connections each had a results page waiting, one turn took 0.7 s and a new connection waited for as many
 * turns as there were connections before it was accepted: wrk counted about ten requests in 10 s that waited over 5 s,
 * though the server answered each within 25 ms of reading it. Started one per turn, the requests leave the loop room
 * to accept a connection between any two of them, and they are answered in the order they arrived. A request that
 * waits on the network (PostgreSQL, Redis) gives the loop back at once, so its turn is short.
 */

import type http from 'node:http';

const waiting: (() => void)[] = [];
let turning = false;

/**
 * Cheap requests (a health check, a small JSON answer) start several to a turn, as many as the last turns show the
 * loop can take: one request a turn cost a sixth of the health check's rate (20,500 a second against 17,000). A turn
 * that comes back within `quickTurnMs` doubles the next turn's share, up to `maxShare`; a slower one sets it back to one.
 */
const quickTurnMs = 1;
const maxShare = 16;
let share = 1;
let lastTurnAt = 0;

function nextTurn(): void {
  const now = performance.now();
  share = now - lastTurnAt < quickTurnMs ? Math.min(2 * share, maxShare) : 1;
  lastTurnAt = now;
  const starting = waiting.splice(0, share);
  // Scheduled from within the loop's check phase, the next turn comes after the loop has polled its sockets again.
  if (waiting.length) setImmediate(nextTurn);
  else turning = false;
  for (const start of starting) {
    try {
      start();
    } catch (error) {
      // Thrown as it would have been from the request listener, without leaving the requests after it unstarted.
      process.nextTick(() => {
        throw error;
      });
    }
  }
}

/** Runs `start` now when no request is waiting for its turn, or after those that are, in the order they came. */
export function inTurn(start: () => void): void {
  if (turning) {
    waiting.push(start);
    return;
  }
  turning = true;
  setImmediate(nextTurn);
  start();
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** A Fastify server factory whose requests reach the application in turn; what `factory` answers itself (the page cache) does not wait. */
export function takingTurns(factory: (handler: Handler) => http.Server): (handler: Handler) => http.Server {
  return (handler) => factory((request, response) => inTurn(() => handler(request, response)));
}
