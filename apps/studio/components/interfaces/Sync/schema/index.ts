export { MigrationReview } from './MigrationReview'
export { SyncValidateReport } from './SyncValidateReport'
