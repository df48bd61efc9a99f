// The Flex Consumption plan (FC1) and the Java 17 function app, running as the user-assigned identity: it pulls
// its deployment package, reaches storage and resolves Key Vault references with that identity.
@description('Name of the Flex Consumption plan')
param planName string

@description('Name of the function app')
param appName string

@description('Azure region')
param location string

@description('Tags for every resource')
param tags object = {}

@description('Resource id of the user-assigned identity')
param identityId string

@description('Blob endpoint of the storage account, ending with a slash')
param blobEndpoint string

@description('Container holding the deployment package')
param deploymentContainerName string

@description('Memory of one instance, in MB')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the plan scales out to; times host.json\'s maxConcurrentActivityFunctions, the most activities (each at most one database query) at once')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Every app setting, as name and value')
param appSettings object

@description('Resource id of the Log Analytics workspace that keeps the app\'s logs')
param logAnalyticsWorkspaceId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Learn, Durable Functions on Flex Consumption: one always-ready instance of the durable group, so that
        // orchestrations and activities are picked up from their queues without a cold start.
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: 1
          }
        ]
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }
}

// The platform's own log of every function execution, in Log Analytics beside Application Insights.
resource appLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: app
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
