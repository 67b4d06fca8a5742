{{/* The release's name prefix for every object: "<release>" or "<release>-magpie". */}}
{{- define "magpie.fullname" -}}
{{- if contains "magpie" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-magpie" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one service's objects; call with (dict "root" $ "service" "gateway"). */}}
{{- define "magpie.serviceName" -}}
{{- printf "%s-%s" (include "magpie.fullname" .root) .service -}}
{{- end -}}

{{- define "magpie.secretName" -}}
{{- if .Values.secrets.create -}}{{ include "magpie.fullname" . }}-credentials{{- else -}}{{ required "secrets.existingSecret is required when secrets.create is false" .Values.secrets.existingSecret }}{{- end -}}
{{- end -}}

{{- define "magpie.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "magpie.labels" -}}
{{ include "magpie.selectorLabels" . }}
app.kubernetes.io/part-of: magpie
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* What each service needs besides its own settings: which data servers and which other services. */}}
{{- define "magpie.wiring" -}}
gateway: {postgres: true, neo4j: false, milvus: false, clients: [encoder, retrieval, kg, fusion]}
encoder-service: {postgres: false, neo4j: false, milvus: false, clients: []}
retrieval-service: {postgres: true, neo4j: false, milvus: true, clients: [encoder, kg]}
kg-service: {postgres: true, neo4j: true, milvus: false, clients: []}
fusion-service: {postgres: true, neo4j: false, milvus: false, clients: [retrieval, kg]}
{{- end -}}

{{/* REST client name -> service. */}}
{{- define "magpie.clientService" -}}
{{- $map := dict "encoder" "encoder-service" "retrieval" "retrieval-service" "kg" "kg-service" "fusion" "fusion-service" -}}
{{- get $map . -}}
{{- end -}}
