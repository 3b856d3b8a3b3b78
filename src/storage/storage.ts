import type { TableClient } from '@azure/data-tables';
import type { Config } from '../config/config';
import { AuditRepository } from './audit-repository';
import { CollaborativeRepository } from './collaborative-repository';
import { DeliveryRepository } from './delivery-repository';
import { FamilyLinkRepository } from './family-link-repository';
import { InterventionRepository } from './intervention-repository';
import { JobRepository } from './job-repository';
import { MemberRepository } from './member-repository';
import { OrganisationRepository } from './organisation-repository';
import { PulseRepository } from './pulse-repository';
import { RateWindowRepository } from './rate-window-repository';
import { ReminderRepository } from './reminder-repository';
import { releasePending, type ReleaseOptions, type ReleaseResult } from './release-pending';
import { respondentKeyer } from './respondent-key-hmac';
import { ResponseRepository } from './response-repository';
import { SnapshotRepository } from './snapshot-repository';
import { toStorageError } from './storage-errors';
import { SubmissionRepository } from './submission-repository';
import { TABLES, tableClientFactory, type StorageClientOptions, type TableRole } from './table-client-factory';
import { TransitionRepository } from './transition-repository';
import { WorkgroupRepository } from './workgroup-repository';
import type { PulseScope } from '../domain/model/pulse';

/** Every repository, built over one storage account, plus the operations that span tables. */
export interface Storage {
  collaboratives: CollaborativeRepository;
  organisations: OrganisationRepository;
  workgroups: WorkgroupRepository;
  members: MemberRepository;
  pulses: PulseRepository;
  deliveries: DeliveryRepository;
  /** Reminder rounds' rows, keyed by respondent key, in the Deliveries table. */
  reminders: ReminderRepository;
  submissions: SubmissionRepository;
  responses: ResponseRepository;
  snapshots: SnapshotRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  rateWindows: RateWindowRepository;
  interventions: InterventionRepository;
  transitions: TransitionRepository;
  familyLinks: FamilyLinkRepository;
  /** The respondent key (ledger and draft key) of a person in a pulse. */
  respondentKey(scope: PulseScope, aadObjectId: string): string;
  /** Moves waiting responses into the Responses table when at least k wait (or all, forced). */
  releasePending(scope: PulseScope, options: ReleaseOptions): Promise<ReleaseResult>;
  /** Creates any missing table; safe to call on every start. */
  ensureTables(): Promise<void>;
  /** The TableClient of each table, for tools and tests that need raw access. */
  clients: Readonly<Record<TableRole, TableClient>>;
}

/**
 * Builds the storage layer for a configuration (connection string or account URL with
 * managed identity; table names under the configured prefix). Nothing is contacted until
 * the first call; run ensureTables() once at start-up.
 */
export function createStorage(config: Pick<Config, 'storage' | 'ledgerHmacKey'>, options: StorageClientOptions = {}): Storage {
  const clientFor = tableClientFactory(config.storage, options);
  const clients = Object.fromEntries(
    (Object.keys(TABLES) as TableRole[]).map((role) => [role, clientFor(role)]),
  ) as Record<TableRole, TableClient>;
  const submissions = new SubmissionRepository(clients.submissions);
  const responses = new ResponseRepository(clients.responses);
  return {
    collaboratives: new CollaborativeRepository(clients.collaboratives),
    organisations: new OrganisationRepository(clients.organisations),
    workgroups: new WorkgroupRepository(clients.workgroups),
    members: new MemberRepository(clients.members),
    pulses: new PulseRepository(clients.pulses),
    deliveries: new DeliveryRepository(clients.deliveries),
    reminders: new ReminderRepository(clients.deliveries),
    submissions,
    responses,
    snapshots: new SnapshotRepository(clients.snapshots),
    audit: new AuditRepository(clients.audit),
    jobs: new JobRepository(clients.jobs),
    rateWindows: new RateWindowRepository(clients.rateWindows),
    interventions: new InterventionRepository(clients.interventions),
    transitions: new TransitionRepository(clients.transitions),
    familyLinks: new FamilyLinkRepository(clients.familyLinks),
    respondentKey: respondentKeyer(config.ledgerHmacKey),
    releasePending: (scope, opts) => releasePending({ submissions, responses }, scope, opts),
    async ensureTables() {
      await Promise.all(
        Object.values(clients).map(async (client) => {
          try {
            await client.createTable();
          } catch (error) {
            throw toStorageError(error, `create table ${client.tableName}`);
          }
        }),
      );
    },
    clients,
  };
}
