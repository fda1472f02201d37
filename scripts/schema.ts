/** Writes schema/report.schema.json from the zod schema in src/report/schema.ts (`npm run schema`). */
import { writeFileSync } from "node:fs";
import { reportJsonSchema } from "../src/report/schema.ts";

writeFileSync("schema/report.schema.json", `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
