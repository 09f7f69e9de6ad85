// A loopback EventStoreDB for tests (issue 4, point 4): the part of the Streams service that
// @eventstore/db-client 6.2 uses (Append, BatchAppend, Read: stream and $all reads, catch-up
// subscriptions) plus ServerFeatures, served on 127.0.0.1 over the client's own generated gRPC
// definitions, with in-memory state. Test infrastructure, not shipped.
//
// Modelled on EventStoreDB ≥ 22.6: positions are (commit, prepare) pairs where the events of one
// append share the commit position of their first record and each has its own prepare position;
// reads of $all from a position include it, subscriptions start after it; stream reads carry
// positions; appends are idempotent by event id the way the server is (the same ids at the
// expected place in the stream); $all holds system events ($-streams) the client must skip.
// Not implemented: Delete, Tombstone, link resolution, stream metadata enforcement ($maxCount,
// ACLs), authentication, persistent subscriptions, projections, gossip and the other services.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type {
  AppendReq,
  AppendResp as AppendRespMessage,
  BatchAppendReq,
  BatchAppendResp as BatchAppendRespMessage,
  ReadReq,
  ReadResp as ReadRespMessage,
} from '@eventstore/db-client/generated/streams_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import * as grpc from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

const { AppendResp, BatchAppendResp, ReadResp } = streamsPb;
const { Empty, StreamIdentifier, UUID, AllStreamPosition } = sharedPb;
type UuidMessage = InstanceType<typeof UUID>;
type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;
type ServerStreamingCall = grpc.ServerWritableStream<ReadReq, ReadRespMessage>;

const STREAMS_SERVICE = 'event_store.client.streams.Streams';
const WRONG_EXPECTED_VERSION_TYPE = 'event_store.client.WrongExpectedVersion';
/** Ticks (100 ns) per millisecond: `created` is sent in .NET ticks since the Unix epoch. */
const TICKS_PER_MS = 10_000n;
/** Events scanned per checkpoint window when the client does not set one (EventStoreDB's default). */
const DEFAULT_CHECKPOINT_WINDOW = 32;

/** One record of the log, in $all order. */
export interface LogRecord {
  readonly stream: string;
  readonly revision: bigint;
  readonly commit: bigint;
  readonly prepare: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly created: bigint;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** An event as a client proposes it. */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

type Current = bigint | 'no_stream';

type AppendResult =
  | { readonly ok: true; readonly current: Current; readonly last: LogRecord | undefined }
  | { readonly ok: false; readonly current: Current };

class InvalidArgument extends Error {}

export interface EsdbTestServerOptions {
  /**
   * Advertise BatchAppend through ServerFeatures, so the client appends the way it does against
   * EventStoreDB ≥ 21.10 (a bidirectional stream; conflicts come back as a google.rpc.Status).
   * Otherwise ServerFeatures lists Read and Append only and the client uses Append.
   */
  readonly batchAppend?: boolean;
  /** Write system events ($-streams) into $all at start and every 50 appends (default true). */
  readonly systemEvents?: boolean;
}

const positionKey = (a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }): number =>
  a.commit === b.commit ? (a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0) : a.commit < b.commit ? -1 : 1;

const utf8 = (bytes: Uint8Array | string): string =>
  typeof bytes === 'string' ? Buffer.from(bytes, 'base64').toString('utf8') : Buffer.from(bytes).toString('utf8');

const streamIdentifier = (name: string): InstanceType<typeof StreamIdentifier> => {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
  return identifier;
};

const uuidText = (uuid: UuidMessage | undefined): string | undefined => {
  if (uuid === undefined) return undefined;
  const structured = uuid.getStructured();
  if (structured === undefined) return uuid.getString();
  const most = BigInt.asUintN(64, BigInt(structured.getMostSignificantBits()));
  const least = BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits()));
  const hex = most.toString(16).padStart(16, '0') + least.toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const uuidMessage = (id: string, structured: boolean): UuidMessage => {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replaceAll('-', '');
  const bits = new UUID.Structured();
  bits.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  bits.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  return uuid.setStructured(bits);
};

const toProposed = (message: {
  getId(): UuidMessage | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}): ProposedEvent => {
  const id = uuidText(message.getId());
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (id === undefined || id === '') throw new InvalidArgument('proposed message without an id');
  if (type === undefined || contentType === undefined) {
    throw new InvalidArgument('proposed message without the required metadata "type" and "content-type"');
  }
  return { id, type, contentType, data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() };
};

/** The predicate of a read's filter, and how often a filtered subscription reports a checkpoint. */
const filterOf = (options: ReadOptions): { test: (r: LogRecord) => boolean; checkpointEvery: number } => {
  const filter = options.getFilter();
  if (filter === undefined) return { test: () => true, checkpointEvery: 0 };
  const onStream = filter.getStreamIdentifier();
  const expression = onStream ?? filter.getEventType();
  const field = onStream === undefined ? (r: LogRecord) => r.type : (r: LogRecord) => r.stream;
  const prefixes = expression?.getPrefixList() ?? [];
  const regexText = expression?.getRegex() ?? '';
  const regex = regexText === '' ? undefined : new RegExp(regexText);
  const test = (r: LogRecord): boolean => {
    const value = field(r);
    if (prefixes.length > 0 && !prefixes.some((p) => value.startsWith(p))) return false;
    return regex === undefined || regex.test(value);
  };
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_CHECKPOINT_WINDOW;
  return { test, checkpointEvery: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())) };
};

export class EsdbTestServer {
  private readonly server = new grpc.Server();
  private readonly log: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly liveWaiters = new Set<() => void>();
  private readonly openCalls = new Set<{ end(): void }>();
  private nextPosition = 1_000n;
  private appendsSinceStats = 0;
  private boundPort: number | undefined;
  /**
   * Called with the stream name when an append arrives, before the server decides on it: lets a
   * test play a concurrent writer that gets in between a client's read and its append.
   */
  beforeAppend: ((stream: string) => void) | undefined;

  constructor(private readonly options: EsdbTestServerOptions = {}) {
    this.server.addService(streamsGrpc.StreamsService, {
      read: (call: ServerStreamingCall) => {
        this.read(call).catch((error: unknown) => this.fail(call, error));
      },
      append: (
        call: grpc.ServerReadableStream<AppendReq, AppendRespMessage>,
        callback: grpc.sendUnaryData<AppendRespMessage>,
      ) => this.append(call, callback),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendRespMessage>) => this.batchAppend(call),
      delete: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback(unimplemented('Delete')),
      tombstone: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback(unimplemented('Tombstone')),
    });
    this.server.addService(serverFeaturesGrpc.ServerFeaturesService, {
      getSupportedMethods: (
        _call: unknown,
        callback: grpc.sendUnaryData<InstanceType<typeof serverFeaturesPb.SupportedMethods>>,
      ) => callback(null, this.supportedMethods()),
    });
    if (options.systemEvents ?? true) {
      this.writeSystemEvent('$settings', '$settings');
      this.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    }
  }

  /** Listens on an ephemeral port of 127.0.0.1. */
  async start(): Promise<this> {
    this.boundPort = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
        error === null ? resolve(port) : reject(error),
      );
    });
    return this;
  }

  get port(): number {
    if (this.boundPort === undefined) throw new Error('EsdbTestServer: start() first');
    return this.boundPort;
  }

  /** An insecure single-node connection string for the client. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Ends open subscriptions and streams, then closes every connection. */
  async stop(): Promise<void> {
    for (const call of this.openCalls) call.end();
    this.openCalls.clear();
    for (const wake of this.liveWaiters) wake();
    this.server.forceShutdown();
  }

  /** Every record of a stream (system streams included), for assertions. */
  recordsOf(stream: string): readonly LogRecord[] {
    return this.streams.get(stream) ?? [];
  }

  /** The names of all streams written, in order of creation. */
  streamNames(): readonly string[] {
    return [...this.streams.keys()];
  }

  /** Writes a record directly (for seeding large logs quickly in measurements). */
  seed(stream: string, events: readonly ProposedEvent[]): void {
    const result = this.appendCore(stream, { kind: 'any' }, events);
    if (!result.ok) throw new Error(`seed ${stream}: unexpected conflict`);
  }

  // ── state ──────────────────────────────────────────────────────────────────────────────

  private writeSystemEvent(stream: string, type: string): void {
    const data = Buffer.from(JSON.stringify({ at: this.nextPosition.toString() }), 'utf8');
    this.commit(stream, [
      { id: randomUUID(), type, contentType: 'application/json', data, customMetadata: new Uint8Array() },
    ]);
  }

  private commit(stream: string, events: readonly ProposedEvent[]): LogRecord | undefined {
    const records = this.streams.get(stream) ?? [];
    if (!this.streams.has(stream)) this.streams.set(stream, records);
    // One append is one transaction: its records share the commit position of the first one.
    const commit = this.nextPosition;
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    let last: LogRecord | undefined;
    for (const event of events) {
      const record: LogRecord = {
        stream,
        revision: BigInt(records.length),
        commit,
        prepare: this.nextPosition,
        created,
        ...event,
      };
      // Grows like a log in bytes, so positions are far apart and not revision-like.
      this.nextPosition += BigInt(96 + stream.length + event.data.length + event.customMetadata.length);
      records.push(record);
      this.log.push(record);
      last = record;
    }
    if (events.length > 0) {
      for (const wake of this.liveWaiters) wake();
      this.liveWaiters.clear();
    }
    return last;
  }

  /** EventStoreDB's append decision: idempotent replay, expected revision check, then write. */
  private appendCore(stream: string, expected: Expected, events: readonly ProposedEvent[]): AppendResult {
    const records = this.streams.get(stream) ?? [];
    const current: Current = records.length === 0 ? 'no_stream' : BigInt(records.length - 1);
    const first = events[0];
    // Where a repeat of this very append would have landed.
    const start =
      expected.kind === 'revision'
        ? Number(expected.revision) + 1
        : expected.kind === 'no_stream'
          ? 0
          : first === undefined
            ? -1
            : records.findIndex((r) => r.id === first.id);
    if (first !== undefined && start >= 0 && start < records.length && records[start]?.id === first.id) {
      const matches = events.every((e, i) => records[start + i]?.id === e.id);
      if (!matches) return { ok: false, current };
      const last = records[start + events.length - 1];
      return { ok: true, current: BigInt(start + events.length - 1), last };
    }
    const fits =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === 'no_stream') ||
      (expected.kind === 'stream_exists' && current !== 'no_stream') ||
      (expected.kind === 'revision' && current === expected.revision);
    if (!fits) return { ok: false, current };
    const last = this.commit(stream, events);
    if (this.options.systemEvents ?? true) {
      this.appendsSinceStats += 1;
      if (this.appendsSinceStats >= 50) {
        this.appendsSinceStats = 0;
        this.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
      }
    }
    const after = this.streams.get(stream) ?? [];
    return { ok: true, current: after.length === 0 ? 'no_stream' : BigInt(after.length - 1), last };
  }

  // ── ServerFeatures ──────────────────────────────────────────────────────────────────────

  private supportedMethods(): InstanceType<typeof serverFeaturesPb.SupportedMethods> {
    const methods = new serverFeaturesPb.SupportedMethods();
    methods.setEventStoreServerVersion('22.10.0-zelfredzaam-test');
    const names = ['Read', 'Append', ...(this.options.batchAppend === true ? ['BatchAppend'] : [])];
    for (const name of names) {
      const method = new serverFeaturesPb.SupportedMethod();
      method.setServiceName(STREAMS_SERVICE);
      method.setMethodName(name);
      methods.addMethods(method);
    }
    return methods;
  }

  // ── Append (client streaming: options, then proposed messages) ─────────────────────────────

  private append(
    call: grpc.ServerReadableStream<AppendReq, AppendRespMessage>,
    callback: grpc.sendUnaryData<AppendRespMessage>,
  ): void {
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const proposed: ProposedEvent[] = [];
    let problem: Error | undefined;
    call.on('data', (request: AppendReq) => {
      if (problem !== undefined) return;
      try {
        const header = request.getOptions();
        const message = request.getProposedMessage();
        if (header !== undefined) options = header;
        else if (message !== undefined) proposed.push(toProposed(message));
      } catch (error) {
        problem = error instanceof Error ? error : new Error(String(error));
      }
    });
    call.on('error', () => {});
    call.on('end', () => {
      if (problem !== undefined) return callback(invalidArgument(problem.message));
      if (options === undefined) return callback(invalidArgument('append without options'));
      const stream = utf8(options.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
      const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
      const expected: Expected | undefined = (() => {
        switch (options.getExpectedStreamRevisionCase()) {
          case Case.REVISION:
            return { kind: 'revision', revision: BigInt(options.getRevision()) };
          case Case.NO_STREAM:
            return { kind: 'no_stream' };
          case Case.ANY:
            return { kind: 'any' };
          case Case.STREAM_EXISTS:
            return { kind: 'stream_exists' };
          default:
            return undefined;
        }
      })();
      if (expected === undefined) return callback(invalidArgument('append without an expected revision'));
      this.beforeAppend?.(stream);
      const result = this.appendCore(stream, expected, proposed);
      const response = new AppendResp();
      if (result.ok) {
        const success = new AppendResp.Success();
        if (result.current === 'no_stream') success.setNoStream(new Empty());
        else success.setCurrentRevision(result.current.toString());
        if (result.last === undefined) success.setNoPosition(new Empty());
        else {
          const position = new AppendResp.Position();
          position.setCommitPosition(result.last.commit.toString());
          position.setPreparePosition(result.last.prepare.toString());
          success.setPosition(position);
        }
        response.setSuccess(success);
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (result.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(result.current.toString());
        if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
        else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
        else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedAny(new Empty());
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  }

  // ── BatchAppend (bidirectional; one response per correlation id) ─────────────────────────────

  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendRespMessage>): void {
    const pending = new Map<
      string,
      { options: InstanceType<typeof streamsPb.BatchAppendReq.Options>; proposed: ProposedEvent[] }
    >();
    this.openCalls.add(call);
    const forget = (): void => {
      this.openCalls.delete(call);
    };
    call.on('cancelled', forget);
    call.on('error', forget);
    call.on('end', () => {
      forget();
      call.end();
    });
    call.on('data', (request: BatchAppendReq) => {
      const correlation = uuidText(request.getCorrelationId());
      if (correlation === undefined) return this.fail(call, invalidArgument('batch append without correlation id'));
      let entry = pending.get(correlation);
      if (entry === undefined) {
        const options = request.getOptions();
        if (options === undefined) return this.fail(call, invalidArgument('first batch without options'));
        entry = { options, proposed: [] };
        pending.set(correlation, entry);
      }
      try {
        for (const message of request.getProposedMessagesList()) entry.proposed.push(toProposed(message));
      } catch (error) {
        return this.fail(call, invalidArgument(error instanceof Error ? error.message : String(error)));
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlation);
      call.write(this.batchAppendResult(correlation, entry.options, entry.proposed));
    });
  }

  private batchAppendResult(
    correlation: string,
    options: InstanceType<typeof streamsPb.BatchAppendReq.Options>,
    proposed: readonly ProposedEvent[],
  ): BatchAppendRespMessage {
    const stream = utf8(options.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
    const Case = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
    const response = new BatchAppendResp();
    response.setCorrelationId(uuidMessage(correlation, false));
    response.setStreamIdentifier(streamIdentifier(stream));
    let expected: Expected;
    switch (options.getExpectedStreamPositionCase()) {
      case Case.STREAM_POSITION:
        expected = { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
        response.setStreamPosition(options.getStreamPosition());
        break;
      case Case.NO_STREAM:
        expected = { kind: 'no_stream' };
        response.setNoStream(new emptyPb.Empty());
        break;
      case Case.STREAM_EXISTS:
        expected = { kind: 'stream_exists' };
        response.setStreamExists(new emptyPb.Empty());
        break;
      default:
        expected = { kind: 'any' };
        response.setAny(new emptyPb.Empty());
    }
    this.beforeAppend?.(stream);
    const result = this.appendCore(stream, expected, proposed);
    if (result.ok) {
      const success = new BatchAppendResp.Success();
      if (result.current === 'no_stream') success.setNoStream(new emptyPb.Empty());
      else success.setCurrentRevision(result.current.toString());
      if (result.last === undefined) success.setNoPosition(new emptyPb.Empty());
      else {
        const position = new AllStreamPosition();
        position.setCommitPosition(result.last.commit.toString());
        position.setPreparePosition(result.last.prepare.toString());
        success.setPosition(position);
      }
      response.setSuccess(success);
      return response;
    }
    const details = new sharedPb.WrongExpectedVersion();
    if (result.current === 'no_stream') details.setCurrentNoStream(new emptyPb.Empty());
    else details.setCurrentStreamRevision(result.current.toString());
    if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') details.setExpectedNoStream(new emptyPb.Empty());
    else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new emptyPb.Empty());
    else details.setExpectedAny(new emptyPb.Empty());
    const packed = new anyPb.Any();
    packed.pack(details.serializeBinary(), WRONG_EXPECTED_VERSION_TYPE);
    const status = new statusPb.Status();
    status.setCode(codePb.Code.FAILED_PRECONDITION);
    status.setMessage('WrongExpectedVersion');
    status.setDetails(packed);
    response.setError(status);
    return response;
  }

  // ── Read (server streaming: stream and $all reads, catch-up subscriptions) ───────────────────

  private async read(call: ServerStreamingCall): Promise<void> {
    const options = call.request.getOptions();
    if (options === undefined) throw invalidArgument('read without options');
    const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const subscription = options.hasSubscription();
    const { test, checkpointEvery } = filterOf(options);
    let cancelled = false;
    const gone = new Promise<void>((resolve) => {
      call.on('cancelled', () => {
        cancelled = true;
        resolve();
      });
      call.on('close', () => resolve());
    });

    const streamOptions = options.getStream();
    const allOptions = options.getAll();
    let source: () => readonly LogRecord[];
    let cursor: number;
    if (streamOptions !== undefined) {
      const name = utf8(streamOptions.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
      source = () => this.streams.get(name) ?? [];
      const records = source();
      if (!subscription && records.length === 0) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamIdentifier(name));
        const response = new ReadResp();
        response.setStreamNotFound(notFound);
        call.write(response);
        call.end();
        return;
      }
      const Case = streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase;
      const revisionCase = streamOptions.getRevisionOptionCase();
      if (revisionCase === Case.END) cursor = backwards ? records.length - 1 : records.length;
      else if (revisionCase === Case.REVISION) {
        const revision = Number(streamOptions.getRevision());
        // A subscription starts after the revision it is given; a read starts at it.
        cursor = subscription ? revision + 1 : backwards ? Math.min(revision, records.length - 1) : revision;
      } else cursor = backwards ? -1 : 0;
    } else if (allOptions !== undefined) {
      source = () => this.log;
      const Case = streamsPb.ReadReq.Options.AllOptions.AllOptionCase;
      const allCase = allOptions.getAllOptionCase();
      if (allCase === Case.END) cursor = backwards ? this.log.length - 1 : this.log.length;
      else if (allCase === Case.POSITION) {
        const grpcPosition = allOptions.getPosition();
        const position = {
          commit: BigInt(grpcPosition?.getCommitPosition() ?? '0'),
          prepare: BigInt(grpcPosition?.getPreparePosition() ?? '0'),
        };
        const at = this.lowerBound(position);
        const exact = this.log[at] !== undefined && positionKey(this.log[at], position) === 0;
        // Reads forwards include the event at the position; subscriptions and backward reads do not.
        cursor = backwards ? at - 1 : subscription && exact ? at + 1 : at;
      } else cursor = backwards ? this.log.length - 1 : 0;
    } else throw invalidArgument('read of neither a stream nor $all');

    const forAll = allOptions !== undefined;
    const write = async (response: ReadRespMessage): Promise<void> => {
      if (!call.write(response)) await Promise.race([once(call, 'drain'), gone]);
    };

    if (!subscription) {
      let remaining = BigInt(options.getCount() === '' ? '0' : options.getCount());
      const records = source();
      while (remaining > 0n && !cancelled && cursor >= 0 && cursor < records.length) {
        const record = records[cursor];
        cursor += backwards ? -1 : 1;
        if (record === undefined || !test(record)) continue;
        remaining -= 1n;
        await write(eventResponse(record, forAll, structuredIds));
      }
      if (!cancelled) call.end();
      return;
    }

    // Catch-up, then live until the client cancels or the server stops.
    this.openCalls.add(call);
    try {
      const confirmation = new ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(randomUUID());
      const confirmed = new ReadResp();
      confirmed.setConfirmation(confirmation);
      await write(confirmed);
      let caughtUp = false;
      let scanned = 0;
      while (!cancelled && this.openCalls.has(call)) {
        const records = source();
        while (!cancelled && this.openCalls.has(call) && cursor < records.length) {
          const record = records[cursor];
          cursor += 1;
          if (record === undefined) continue;
          scanned += 1;
          if (test(record)) await write(eventResponse(record, forAll, structuredIds));
          if (checkpointEvery > 0 && forAll && scanned % checkpointEvery === 0) {
            await write(checkpointResponse(record));
          }
        }
        if (!caughtUp) {
          caughtUp = true;
          const response = new ReadResp();
          response.setCaughtUp(new ReadResp.CaughtUp());
          await write(response);
          continue;
        }
        // Checked and registered in one synchronous step, so no append can slip in between.
        if (cursor < source().length) continue;
        const appended = new Promise<void>((resolve) => this.liveWaiters.add(resolve));
        await Promise.race([appended, gone]);
      }
    } finally {
      this.openCalls.delete(call);
    }
  }

  /** The index of the first record of $all at or after a position. */
  private lowerBound(position: { commit: bigint; prepare: bigint }): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const record = this.log[middle];
      if (record !== undefined && positionKey(record, position) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private fail(call: { emit(event: 'error', error: unknown): boolean }, error: unknown): void {
    const serviceError =
      error instanceof InvalidArgument
        ? invalidArgument(error.message)
        : typeof error === 'object' && error !== null && 'code' in error
          ? error
          : { code: grpc.status.INTERNAL, details: String(error) };
    call.emit('error', serviceError);
  }
}

const eventResponse = (record: LogRecord, forAll: boolean, structuredIds: boolean): ReadRespMessage => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(record.id, structuredIds));
  recorded.setStreamIdentifier(streamIdentifier(record.stream));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setCommitPosition(record.commit.toString());
  recorded.setPreparePosition(record.prepare.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  if (forAll) event.setCommitPosition(record.commit.toString());
  else event.setNoPosition(new Empty());
  const response = new ReadResp();
  response.setEvent(event);
  return response;
};

const checkpointResponse = (record: LogRecord): ReadRespMessage => {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(record.commit.toString());
  checkpoint.setPreparePosition(record.prepare.toString());
  const response = new ReadResp();
  response.setCheckpoint(checkpoint);
  return response;
};

const invalidArgument = (details: string): Partial<grpc.ServiceError> => ({
  code: grpc.status.INVALID_ARGUMENT,
  details,
});

const unimplemented = (method: string): Partial<grpc.ServiceError> => ({
  code: grpc.status.UNIMPLEMENTED,
  details: `${method} is not implemented by the test server`,
});

/** Starts a test server; stop it with `stop()`. */
export const startEsdbTestServer = (options?: EsdbTestServerOptions): Promise<EsdbTestServer> =>
  new EsdbTestServer(options).start();
