// The Wix Answers → Calabrio WFM integration: a Java 17 function app on a Flex Consumption plan, its storage
// (shared keys off), Key Vault, monitoring, least-privilege roles and alerts. Deployed into a resource group by
// scripts/deploy.sh; every app setting the code reads is set here (README "Settings" has the same defaults).
targetScope = 'resourceGroup'

@description('Azure region; Flex Consumption must be available there')
param location string = resourceGroup().location

@description('Base name of every resource')
@minLength(3)
@maxLength(20)
param appName string = 'wix-answers-calabrio'

@description('Memory of one function instance, in MB')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the plan scales out to. Times host.json\'s maxConcurrentActivityFunctions (4) it bounds the activities, each at most one query, that run against the reporting database at once: 10 x 4 = 40, within an S0 Azure SQL database\'s 60 workers. Raise both with the database\'s tier.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Address the alerts are e-mailed to')
param alertEmail string

@description('Durable Functions task hub, as in host.json')
param taskHubName string = 'WixAnswersCalabrio'

// ---- Secrets: written to Key Vault when given (deploy.sh passes them from the environment), never defaulted.
@description('Calabrio WFM API personal access token')
@secure()
param calabrioApiToken string = ''

@description('Calabrio historical-data API tenant key')
@secure()
param calabrioHistoricalTenantKey string = ''

@description('Calabrio historical-data API data source key (the other half of its credential)')
@secure()
param calabrioDataSourceKey string = ''

@description('Calabrio RTA authentication key')
@secure()
param calabrioRtaAuthKey string = ''

@description('Wix Answers API token')
@secure()
param answersApiToken string = ''

// ---- The integration's settings (README "Settings").
@description('Calabrio tenant host, https://<tenant>.teleopticloud.com')
param calabrioBaseUrl string

@description('Business unit of the WFM API\'s commands and queries (a GUID)')
param calabrioBusinessUnitId string

@description('Most WFM API calls a run makes in any 60 seconds (Calabrio allows 500 per token)')
@minValue(50)
@maxValue(500)
param calabrioMaxCallsPerMinute int = 400

@description('Host of the reporting database (Azure SQL), e.g. <server>.database.windows.net')
param sqlServerHost string

@description('Name of the reporting database')
param sqlDatabaseName string

@description('Table or view of the interactions contract, optionally schema-qualified')
param interactionsTable string = 'interactions'

@description('IANA time zone of the statistics day')
param statsTimeZone string = 'UTC'

@description('Interval length in minutes')
@allowed([
  15
  30
  60
])
param statsIntervalMinutes int = 60

@description('Service-level threshold in seconds')
param serviceLevelSeconds int = 20

@description('Service-level thresholds per channel, e.g. {"TICKET": 86400}: each becomes SERVICE_LEVEL_SECONDS_<CHANNEL>')
param serviceLevelSecondsByChannel object = {}

@description('Abandons shorter than this many seconds are short abandons')
param shortAbandonSeconds int = 5

@description('Days the daily run re-sends, ending yesterday')
@minValue(1)
@maxValue(31)
param historicalLookbackDays int = 3

@description('Rows per historical-data request')
param historicalBatchSize int = 500

@description('Six-field NCRONTAB schedule of the daily run, in UTC')
param historicalSchedule string = '0 30 2 * * *'

@description('Whether real-time adherence runs: false disables the RealtimeTick function and its absence alert')
param realtimeEnabled bool = true

@description('Whether the intraday run sends today\'s queue statistics through the day')
param intradayEnabled bool = true

@description('Six-field NCRONTAB schedule of the intraday run, in UTC')
param intradaySchedule string = '0 */15 * * * *'

@description('Minutes an interval must have ended before the intraday run sends it')
@minValue(0)
@maxValue(1440)
param intradayDelayMinutes int = 5

@description('Wix Answers RPC gateway endpoint of AgentActivityRpcService')
param answersRpcUrl string

@description('Calabrio RTA batch endpoint, e.g. https://<tenant>.teleopticloud.com/Web/Rta/State/Batch')
param calabrioRtaUrl string

@description('RTA source id of Wix Answers, as configured in Calabrio')
param calabrioRtaSourceId string

@description('States per RTA change request')
@minValue(1)
@maxValue(1000)
param rtaBatchSize int = 50

@description('Minutes between full RTA snapshots')
param rtaSnapshotMinutes int = 15

@description('false sends changes only, never a snapshot (for RTA servers that refuse large batches)')
@allowed([
  'true'
  'false'
])
param rtaSnapshots string = 'true'

@description('A snapshot is withheld when the floor collapsed below this share of the previous tick\'s (0 to 1)')
param rtaSnapshotMinRatio string = '0.5'

@description('Most agents one Wix Answers answer may list; a larger answer fails the tick')
@minValue(1)
@maxValue(1000000)
param rtaMaxAgents int = 50000

@description('Wix Answers status (or STATUS:detail) to Calabrio state code, over the defaults, e.g. {"BUSY:Lunch": "Lunch"}')
param rtaStateMap object = {}

@description('Minutes an agent Calabrio does not know is left out before it is tried again')
param rtaParkMinutes int = 60

// ---- Tenant setup (onboarding) and forecasts.
@description('Most data rows an agents file may hold')
param onboardingMaxRows int = 20000

@description('Largest agents file read, in bytes')
param onboardingMaxBytes int = 10485760

@description('Defaults of agents-file rows that name none: organization (Site/Team), role, contract, contract schedule, part-time percentage; empty leaves the cell to Calabrio\'s own import defaults')
param onboardingDefaults object = {
  organization: ''
  role: ''
  contract: ''
  contractSchedule: ''
  partTimePercentage: ''
}

@description('Minutes between look-ups of people Calabrio does not know yet')
param onboardingRetryMinutes int = 30

@description('Hours people Calabrio does not know yet are waited for')
param onboardingWaitHours int = 24

@description('Table or view of the forecasts contract, optionally schema-qualified')
param forecastsTable string = 'forecasts'

@description('Local days uploaded each day, today included')
@minValue(1)
@maxValue(62)
param forecastHorizonDays int = 14

@description('IANA time zone of the forecast days (the skills\' in Calabrio); empty: the statistics time zone')
param forecastTimeZone string = ''

@description('Six-field NCRONTAB schedule of the daily forecast upload, in UTC')
param forecastSchedule string = '0 0 4 * * *'

@description('true also sends each skill\'s forecast with command/SetForecast')
@allowed([
  'true'
  'false'
])
param forecastSetCommand string = 'false'

@description('Scenario of SetForecast (a GUID); empty: the default scenario')
param forecastScenarioId string = ''

var suffix = uniqueString(resourceGroup().id, appName)
var tags = {
  application: appName
}
var functionAppName = '${appName}-${suffix}'
var deploymentContainerName = 'deployment-package'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${appName}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${appName}'
    applicationInsightsName: 'appi-${appName}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${take(replace(appName, '-', ''), 11)}${take(suffix, 11)}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    taskHubName: taskHubName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: 'kv-${take(appName, 10)}-${take(suffix, 10)}'
    location: location
    tags: tags
    calabrioApiToken: calabrioApiToken
    calabrioHistoricalTenantKey: calabrioHistoricalTenantKey
    calabrioDataSourceKey: calabrioDataSourceKey
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    calabrioRtaAuthKey: calabrioRtaAuthKey
    answersApiToken: answersApiToken
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

// A Key Vault reference the platform resolves with the app's identity; the secret name is the setting's name in
// lower case with dashes (config/SecretName.java).
var vaultName = keyVault.outputs.name

var channelSettings = reduce(items(serviceLevelSecondsByChannel), {}, (settings, channel) => union(settings, {
  'SERVICE_LEVEL_SECONDS_${toUpper(channel.key)}': string(channel.value)
}))

var appSettings = union({
  // Platform: identity-based storage for the host and Durable Functions, Entra-authenticated telemetry.
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  AZURE_CLIENT_ID: identity.outputs.clientId
  // The integration (config/Setting.java).
  CALABRIO_BASE_URL: calabrioBaseUrl
  CALABRIO_DATA_SOURCE_KEY: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=calabrio-data-source-key)'
  CALABRIO_HISTORICAL_TENANT_KEY: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=calabrio-historical-tenant-key)'
  CALABRIO_API_TOKEN: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=calabrio-api-token)'
  CALABRIO_BUSINESS_UNIT_ID: calabrioBusinessUnitId
  CALABRIO_MAX_CALLS_PER_MINUTE: string(calabrioMaxCallsPerMinute)
  SQL_CONNECTION_STRING: 'jdbc:sqlserver://${sqlServerHost}:1433;database=${sqlDatabaseName};encrypt=true;authentication=ActiveDirectoryManagedIdentity;msiClientId=${identity.outputs.clientId};sendStringParametersAsUnicode=false'
  INTERACTIONS_TABLE: interactionsTable
  STATS_TIME_ZONE: statsTimeZone
  STATS_INTERVAL_MINUTES: string(statsIntervalMinutes)
  SERVICE_LEVEL_SECONDS: string(serviceLevelSeconds)
  SHORT_ABANDON_SECONDS: string(shortAbandonSeconds)
  HISTORICAL_LOOKBACK_DAYS: string(historicalLookbackDays)
  HISTORICAL_BATCH_SIZE: string(historicalBatchSize)
  HISTORICAL_SCHEDULE: historicalSchedule
  INTRADAY_ENABLED: string(intradayEnabled)
  'AzureWebJobs.RealtimeTick.Disabled': string(!realtimeEnabled)
  INTRADAY_SCHEDULE: intradaySchedule
  INTRADAY_DELAY_MINUTES: string(intradayDelayMinutes)
  ANSWERS_RPC_URL: answersRpcUrl
  ANSWERS_API_TOKEN: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=answers-api-token)'
  CALABRIO_RTA_URL: calabrioRtaUrl
  CALABRIO_RTA_AUTH_KEY: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=calabrio-rta-auth-key)'
  CALABRIO_RTA_SOURCE_ID: calabrioRtaSourceId
  RTA_BATCH_SIZE: string(rtaBatchSize)
  RTA_SNAPSHOT_MINUTES: string(rtaSnapshotMinutes)
  RTA_SNAPSHOTS: rtaSnapshots
  RTA_SNAPSHOT_MIN_RATIO: rtaSnapshotMinRatio
  RTA_MAX_AGENTS: string(rtaMaxAgents)
  RTA_STATE_MAP: string(rtaStateMap)
  RTA_PARK_MINUTES: string(rtaParkMinutes)
  ONBOARDING_MAX_ROWS: string(onboardingMaxRows)
  ONBOARDING_MAX_BYTES: string(onboardingMaxBytes)
  ONBOARDING_DEFAULT_ORGANIZATION: onboardingDefaults.organization
  ONBOARDING_DEFAULT_ROLE: onboardingDefaults.role
  ONBOARDING_DEFAULT_CONTRACT: onboardingDefaults.contract
  ONBOARDING_DEFAULT_CONTRACT_SCHEDULE: onboardingDefaults.contractSchedule
  ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE: onboardingDefaults.partTimePercentage
  ONBOARDING_RETRY_MINUTES: string(onboardingRetryMinutes)
  ONBOARDING_WAIT_HOURS: string(onboardingWaitHours)
  FORECASTS_TABLE: forecastsTable
  FORECAST_HORIZON_DAYS: string(forecastHorizonDays)
  FORECAST_TIME_ZONE: empty(forecastTimeZone) ? statsTimeZone : forecastTimeZone
  FORECAST_SCHEDULE: forecastSchedule
  FORECAST_SET_COMMAND: forecastSetCommand
  FORECAST_SCENARIO_ID: forecastScenarioId
  KEY_VAULT_URI: ''
}, channelSettings)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    planName: 'plan-${appName}'
    appName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
  dependsOn: [
    roles
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: appName
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmail: alertEmail
    realtimeEnabled: realtimeEnabled
    intradayEnabled: intradayEnabled
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output storageAccountId string = storage.outputs.id
output keyVaultName string = keyVault.outputs.name
output identityClientId string = identity.outputs.clientId
output identityPrincipalId string = identity.outputs.principalId
output identityName string = identity.outputs.name
