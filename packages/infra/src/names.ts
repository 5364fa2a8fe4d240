import { z } from 'zod';

/** What AWS accepts as names, checked where configuration is read (the infra commands and the server). */
export const tableNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name');
export const bucketNameSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name');
