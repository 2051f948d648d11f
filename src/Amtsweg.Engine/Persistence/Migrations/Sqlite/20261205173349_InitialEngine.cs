using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EngineDeployments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DeployedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeployedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineDeployments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineEventSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EventName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CorrelationKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ProcessDefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExecutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineEventSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineExecutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    IsWaiting = table.Column<bool>(type: "INTEGER", nullable: false),
                    ArrivedVia = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LoopCounter = table.Column<int>(type: "INTEGER", nullable: false),
                    LoopState = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineExecutions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineHistoryEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ElementType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    ExecutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VariablesBefore = table.Column<string>(type: "TEXT", nullable: true),
                    VariablesAfter = table.Column<string>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineHistoryEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineIncidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcessDefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineIncidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProcessDefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExecutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    JobType = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Retries = table.Column<int>(type: "INTEGER", nullable: false),
                    RepeatCount = table.Column<int>(type: "INTEGER", nullable: true),
                    RepeatInterval = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LockOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LockExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CorrelationKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Variables = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CorrelatedProcessIds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineUserTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessDefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExecutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Assignee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CandidateGroups = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CandidateUsers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DueDate = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowUpDate = table.Column<long>(type: "INTEGER", nullable: true),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineUserTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineVariables",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExecutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineVariables", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EngineDecisionDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    DmnXml = table.Column<string>(type: "TEXT", nullable: false),
                    DeployedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineDecisionDefinitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngineDecisionDefinitions_EngineDeployments_DeploymentId",
                        column: x => x.DeploymentId,
                        principalTable: "EngineDeployments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EngineProcessDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionTag = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    BpmnXml = table.Column<string>(type: "TEXT", nullable: false),
                    Checksum = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeployedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HistoryTimeToLiveDays = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineProcessDefinitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngineProcessDefinitions_EngineDeployments_DeploymentId",
                        column: x => x.DeploymentId,
                        principalTable: "EngineDeployments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EngineProcessInstances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessDefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    BusinessKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ParentProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ParentExecutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NextSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineProcessInstances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngineProcessInstances_EngineProcessDefinitions_ProcessDefinitionId",
                        column: x => x.ProcessDefinitionId,
                        principalTable: "EngineProcessDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EngineDecisionDefinitions_DeploymentId",
                table: "EngineDecisionDefinitions",
                column: "DeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineDecisionDefinitions_TenantId",
                table: "EngineDecisionDefinitions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineDecisionDefinitions_TenantId_DecisionId_Version",
                table: "EngineDecisionDefinitions",
                columns: new[] { "TenantId", "DecisionId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EngineDeployments_TenantId",
                table: "EngineDeployments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineEventSubscriptions_Kind_EventName_CorrelationKey",
                table: "EngineEventSubscriptions",
                columns: new[] { "Kind", "EventName", "CorrelationKey" });

            migrationBuilder.CreateIndex(
                name: "IX_EngineEventSubscriptions_ProcessInstanceId",
                table: "EngineEventSubscriptions",
                column: "ProcessInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineEventSubscriptions_TenantId",
                table: "EngineEventSubscriptions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineExecutions_ProcessInstanceId",
                table: "EngineExecutions",
                column: "ProcessInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineExecutions_TenantId",
                table: "EngineExecutions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineHistoryEvents_ProcessInstanceId_Sequence",
                table: "EngineHistoryEvents",
                columns: new[] { "ProcessInstanceId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_EngineHistoryEvents_TenantId",
                table: "EngineHistoryEvents",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineIncidents_ProcessInstanceId",
                table: "EngineIncidents",
                column: "ProcessInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineIncidents_TenantId",
                table: "EngineIncidents",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineJobs_DueAt_Retries",
                table: "EngineJobs",
                columns: new[] { "DueAt", "Retries" });

            migrationBuilder.CreateIndex(
                name: "IX_EngineJobs_ProcessInstanceId_LockExpiresAt",
                table: "EngineJobs",
                columns: new[] { "ProcessInstanceId", "LockExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EngineJobs_TenantId",
                table: "EngineJobs",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineMessages_ExpiresAt",
                table: "EngineMessages",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_EngineMessages_Name_CorrelationKey",
                table: "EngineMessages",
                columns: new[] { "Name", "CorrelationKey" });

            migrationBuilder.CreateIndex(
                name: "IX_EngineMessages_TenantId",
                table: "EngineMessages",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessDefinitions_DeploymentId",
                table: "EngineProcessDefinitions",
                column: "DeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessDefinitions_TenantId",
                table: "EngineProcessDefinitions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessDefinitions_TenantId_ProcessId_Version",
                table: "EngineProcessDefinitions",
                columns: new[] { "TenantId", "ProcessId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessInstances_BusinessKey",
                table: "EngineProcessInstances",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessInstances_EndedAt",
                table: "EngineProcessInstances",
                column: "EndedAt");

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessInstances_ParentProcessInstanceId",
                table: "EngineProcessInstances",
                column: "ParentProcessInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessInstances_ProcessDefinitionId",
                table: "EngineProcessInstances",
                column: "ProcessDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineProcessInstances_TenantId",
                table: "EngineProcessInstances",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineUserTasks_ProcessInstanceId",
                table: "EngineUserTasks",
                column: "ProcessInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineUserTasks_State_Assignee",
                table: "EngineUserTasks",
                columns: new[] { "State", "Assignee" });

            migrationBuilder.CreateIndex(
                name: "IX_EngineUserTasks_TenantId",
                table: "EngineUserTasks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineVariables_ExecutionId_Name",
                table: "EngineVariables",
                columns: new[] { "ExecutionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EngineVariables_ProcessInstanceId",
                table: "EngineVariables",
                column: "ProcessInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineVariables_TenantId",
                table: "EngineVariables",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngineDecisionDefinitions");

            migrationBuilder.DropTable(
                name: "EngineEventSubscriptions");

            migrationBuilder.DropTable(
                name: "EngineExecutions");

            migrationBuilder.DropTable(
                name: "EngineHistoryEvents");

            migrationBuilder.DropTable(
                name: "EngineIncidents");

            migrationBuilder.DropTable(
                name: "EngineJobs");

            migrationBuilder.DropTable(
                name: "EngineMessages");

            migrationBuilder.DropTable(
                name: "EngineProcessInstances");

            migrationBuilder.DropTable(
                name: "EngineUserTasks");

            migrationBuilder.DropTable(
                name: "EngineVariables");

            migrationBuilder.DropTable(
                name: "EngineProcessDefinitions");

            migrationBuilder.DropTable(
                name: "EngineDeployments");
        }
    }
}
