/**
 * Fastify compiles every route's validators (Ajv) and response serializers (fast-json-stringify) before it listens:
 * about 200 ms for the API's routes, most of a bundled server's start-up. These compiler factories wrap Fastify's own,
 * so each schema is compiled the first time its route answers instead. Every route is still exercised by the tests,
 * so a broken schema fails there rather than at start-up.
 */
import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Factory = (...factoryArgs: never[]) => (route: never) => (input: never) => unknown;
type Compiled = ((input: unknown) => unknown) & { errors?: unknown };

/** Defers a compiler factory and each compiler it returns until a route first uses its schema. */
function deferred<F extends Factory>(factory: F): F {
  return ((...factoryArgs: Parameters<F>) => {
    let compiler: ((route: unknown) => Compiled) | undefined;
    const compilerFor = () => (compiler ??= (factory as unknown as (...a: unknown[]) => (route: unknown) => Compiled)(...factoryArgs));
    return (route: unknown) => {
      let compiled: Compiled | undefined;
      const run: Compiled = (input: unknown) => {
        compiled ??= compilerFor()(route);
        const result = compiled(input);
        // Fastify reads an Ajv validator's errors off the function it was given.
        run.errors = compiled.errors;
        return result;
      };
      return run;
    };
  }) as unknown as F;
}

export const lazySchemaCompilers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: {
    buildValidator: deferred(ValidatorSelector() as unknown as Factory) as never,
    buildSerializer: deferred(SerializerSelector() as unknown as Factory) as never,
  },
};
