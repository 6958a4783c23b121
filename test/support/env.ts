/**
 * Runs `work` with these environment variables set (a value) or removed (undefined), then puts back
 * what was there: for code that reads process.env itself, as the chat apps' `dashboard` does.
 */
export async function withEnv<T>(vars: Readonly<Record<string, string | undefined>>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Readonly<Record<string, string | undefined>>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}
