// The app's storage account, with shared-key access off: everything goes through Microsoft Entra identities.
// Blob containers: the Flex Consumption deployment package, the tenant-setup uploads ('onboarding'), the
// forecast files ('forecasts') and the real-time state ('realtime'). Queues and tables of the Durable Functions task hub (Azure Storage backend) are
// created here too, so they exist with the account and an operator finds them by name; the runtime would
// create them on first start otherwise.
@description('Name of the storage account (3-24 lower-case letters and digits)')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region')
param location string

@description('Tags for every resource')
param tags object = {}

@description('Container holding the deployment package')
param deploymentContainerName string

@description('Durable Functions task hub name, as in host.json')
param taskHubName string

@description('Durable Functions control-queue partitions (the extension default is 4)')
@minValue(1)
@maxValue(16)
param taskHubPartitionCount int = 4

var hub = toLower(taskHubName)
var containerNames = [
  deploymentContainerName
  'onboarding'
  'forecasts'
  'realtime'
]
var hubTableNames = [
  '${taskHubName}Instances'
  '${taskHubName}History'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containerNames: {
  parent: blobs
  name: container
  properties: {
    publicAccess: 'None'
  }
}]

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource controlQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for partition in range(0, taskHubPartitionCount): {
  parent: queues
  name: '${hub}-control-${padLeft(string(partition), 2, '0')}'
}]

resource workItemQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: '${hub}-workitems'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource hubTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in hubTableNames: {
  parent: tables
  name: table
}]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
