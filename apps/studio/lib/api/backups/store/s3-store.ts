import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { Readable } from 'node:stream'

import { NotFoundError } from '../../database/errors'
import { hashingStream } from './hashing'
import { assertObjectKey } from './object-key'
import type { BackupStore, StoredObject } from './types'

export interface S3StoreConfig {
  endpoint: string
  bucket: string
  region: string
  accessKeyId?: string
  secretAccessKey?: string
}

/** Backups in an S3-compatible bucket: what several Studio instances, sharing no disk, all reach. */
export class S3BackupStore implements BackupStore {
  readonly name = 's3' as const
  private readonly client: S3Client

  constructor(private readonly config: S3StoreConfig) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      // Path-style works with every S3-compatible server (MinIO, Ceph, s3rver), virtual-host needs DNS.
      forcePathStyle: true,
      credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    })
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    const hashing = hashingStream()
    // Multipart upload in 8 MB parts, at most two in flight: memory stays bounded whatever the size.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: assertObjectKey(key), Body: body.pipe(hashing.stream) },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
    })
    body.on('error', (error) => hashing.stream.destroy(error))
    await upload.done()
    return hashing.result()
  }

  async get(key: string): Promise<{ body: Readable; size: number }> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: assertObjectKey(key) }))
      if (!(object.Body instanceof Readable)) throw new Error('S3 returned no stream')
      return { body: object.Body, size: Number(object.ContentLength ?? 0) }
    } catch (error) {
      const name = (error as { name?: string }).name
      if (name === 'NoSuchKey' || name === 'NotFound') throw new NotFoundError('The backup object is missing from storage', 'BACKUP_OBJECT_MISSING')
      throw error
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: assertObjectKey(key) }))
  }
}
