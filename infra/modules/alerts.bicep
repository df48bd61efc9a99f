// What pages an operator: an action group e-mailing them, and log alerts on Application Insights for a failed
// orchestration, failed function executions, no completed daily historical run in 26 hours, real-time ticks failing
// for 5 minutes, no real-time tick at all for 5 minutes (a timer that stopped firing), no completed intraday run in
// 45 minutes, and a real-time snapshot withheld because Wix Answers reported too few agents. Each reads what the
// host records: requests (one per function execution) and the Durable Task traces (one per orchestration state).
@description('Prefix of the alert names')
param namePrefix string

@description('Azure region of the alert rules')
param location string

@description('Tags for every resource')
param tags object = {}

@description('Resource id of the Application Insights component the alerts query')
param applicationInsightsId string

@description('Address the alerts are e-mailed to')
param alertEmail string

@description('Name of the orchestrator of the daily and intraday runs')
param historicalRunOrchestrator string = 'HistoricalRun'

@description('Name of the one-minute real-time function')
param realtimeFunctionName string = 'RealtimeTick'

@description('Whether real-time runs: only then is a missing tick an alert')
param realtimeEnabled bool = true

@description('Whether the intraday run runs: only then is a missing run an alert')
param intradayEnabled bool = true

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'wfm-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var durableTaskTraces = 'traces | where customDimensions.Category == "Host.Triggers.DurableTask"'

var runCompleted = '${durableTaskTraces} | where customDimensions.prop__functionName == "${historicalRunOrchestrator}" | where customDimensions.prop__state == "Completed"'

var rules = [
  {
    name: 'failed-orchestration'
    description: 'An orchestration ended Failed. Its error reads "Unexpected failure in the task execution" (the host wraps every orchestrator\'s exception); its custom status names what failed (a run lists each day\'s first failure, a day each queue or agent).'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: '${durableTaskTraces} | where customDimensions.prop__state == "Failed" | project timestamp, instance = tostring(customDimensions.prop__instanceId), orchestration = tostring(customDimensions.prop__functionName), message'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: 'failed-executions'
    description: 'Function executions failed (triggers, orchestrator episodes or activities).'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'requests | where success == false | project timestamp, name, resultCode, operation_Id'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    // A day with a failed queue completes (its failure in its output): only a completed run sent every day whole.
    name: 'no-historical-run'
    description: 'No daily historical run completed in 26 hours: Calabrio is missing some of yesterday\'s statistics.'
    severity: 1
    frequency: 'PT1H'
    window: 'P2D'
    query: '${runCompleted} | where timestamp > ago(26h) | where tostring(customDimensions.prop__instanceId) startswith "historical-run-"'
    operator: 'LessThan'
    threshold: 1
  }
  {
    name: 'realtime-ticks-failing'
    description: 'Every real-time tick failed for 5 minutes: agents\' adherence states are not reaching Calabrio.'
    severity: 1
    frequency: 'PT1M'
    window: 'PT5M'
    query: 'requests | where name == "${realtimeFunctionName}" | summarize failed = countif(success == false), succeeded = countif(success == true) | where failed > 0 and succeeded == 0'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    // Counted from the tick's own line (logged through the invocation's logger), not from the warning beside it.
    name: 'realtime-snapshot-withheld'
    description: 'A due RTA snapshot went as plain changes: Wix Answers reported no agent, or far fewer than the last snapshot. Nobody was logged out; check Wix Answers\' agent activity service.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'traces | where message startswith "rta-tick " | extend tick = parse_json(substring(message, 9)) | where isnotempty(tostring(tick.snapshotWithheld)) | project timestamp, reason = tostring(tick.snapshotWithheld)'
    operator: 'GreaterThan'
    threshold: 0
  }
]

// Alerts on an absence, only for what is enabled: a stopped timer (seen on Flex after a deployment) leaves no failure.
var absences = concat(realtimeEnabled ? [
  {
    name: 'realtime-ticks-absent'
    description: 'No real-time tick ran for 5 minutes: the one-minute timer stopped firing (restart the app), and agents\' states are not reaching Calabrio.'
    severity: 1
    frequency: 'PT1M'
    window: 'PT5M'
    query: 'requests | where name == "${realtimeFunctionName}"'
    operator: 'LessThan'
    threshold: 1
  }
] : [], intradayEnabled ? [
  {
    name: 'no-intraday-run'
    description: 'No intraday run completed for 45 minutes: Calabrio\'s Intraday view is not getting today\'s queue statistics.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT45M'
    query: '${runCompleted} | where tostring(customDimensions.prop__instanceId) startswith "intraday-"'
    operator: 'LessThan'
    threshold: 1
  }
] : [])

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for rule in concat(rules, absences): {
  name: '${namePrefix}-${rule.name}'
  location: location
  tags: tags
  properties: {
    displayName: '${namePrefix}: ${rule.name}'
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
    autoMitigate: true
  }
}]

output actionGroupId string = actionGroup.id
