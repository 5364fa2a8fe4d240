/**
 * The reads' "what is possible" reference for `pnpm bench`: a plain Fastify handler answering
 * `GET /customers/:id` with one GetItem through the DocumentClient, on the server's SDK client settings; no logs,
 * no authentication, no access record, no tRPC. Started by the bench in a process of its own, its settings in the
 * environment (PORT, AWS_ENDPOINT_URL_DYNAMODB, CADASTRO_TABLE and the credentials).
 */
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDbService } from '@cadastro/db';
import Fastify from 'fastify';
import { createAwsClients } from '../src/aws.ts';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`plain-handler.ts: ${name} is not set (the bench sets it)`);
  return value;
}
const aws = createAwsClients({
  region: setting('AWS_REGION'),
  dynamodbEndpoint: setting('AWS_ENDPOINT_URL_DYNAMODB'),
  credentials: {
    accessKeyId: setting('AWS_ACCESS_KEY_ID'),
    secretAccessKey: setting('AWS_SECRET_ACCESS_KEY'),
  },
});
const doc = DynamoDBDocumentClient.from(aws.dynamodb);
const { customer } = createDbService({ table: setting('CADASTRO_TABLE'), client: aws.dynamodb }).entities;

const app = Fastify();
app.get<{ Params: { id: string } }>('/customers/:id', async (req, reply) => {
  const { Item } = await doc.send(new GetCommand(customer.get({ customerId: req.params.id }).params()));
  return Item ?? reply.code(404).send();
});
app.get('/readyz', async () => 'ok');
await app.listen({ host: '127.0.0.1', port: Number(setting('PORT')) });
