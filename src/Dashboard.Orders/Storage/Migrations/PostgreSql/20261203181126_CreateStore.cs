using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Orders.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CreateStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Activity",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "text", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    UserTenant = table.Column<string>(type: "text", nullable: true),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CustomerId = table.Column<string>(type: "text", nullable: true),
                    CustomerName = table.Column<string>(type: "text", nullable: true),
                    OrderId = table.Column<string>(type: "text", nullable: true),
                    Lines = table.Column<string>(type: "text", nullable: true),
                    JobId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Code = table.Column<string>(type: "text", nullable: true),
                    Detail = table.Column<string>(type: "text", nullable: true),
                    CorrelationId = table.Column<string>(type: "text", nullable: true),
                    RequestId = table.Column<string>(type: "text", nullable: true),
                    Instance = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedByTenant = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    DeleteCustomers = table.Column<bool>(type: "boolean", nullable: false),
                    RetryOf = table.Column<Guid>(type: "uuid", nullable: true),
                    StopRequestedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    StopRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PauseReason = table.Column<string>(type: "text", nullable: true),
                    Message = table.Column<string>(type: "text", nullable: true),
                    Calls = table.Column<int>(type: "integer", nullable: false),
                    TotalItems = table.Column<int>(type: "integer", nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CustomerName = table.Column<string>(type: "text", nullable: true),
                    OrderId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OrderAlternateId = table.Column<string>(type: "text", nullable: true),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequestId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Sends = table.Column<int>(type: "integer", nullable: false),
                    FirstSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextCheckAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Checks = table.Column<int>(type: "integer", nullable: false),
                    ErrorCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    CorrelationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Retryable = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobItems_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activity_At",
                table: "Activity",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Activity_CustomerId_OrderId",
                table: "Activity",
                columns: new[] { "CustomerId", "OrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_Activity_JobId",
                table: "Activity",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_Activity_UserName",
                table: "Activity",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_JobItems_JobId_Sequence",
                table: "JobItems",
                columns: new[] { "JobId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobItems_JobId_Stage",
                table: "JobItems",
                columns: new[] { "JobId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_State_CreatedAt",
                table: "Jobs",
                columns: new[] { "State", "CreatedAt" });

            // Hand-written: the activity log is append-only in the database itself (docs/activity-log.md), as the SQLite
            // migrations make it. No record is ever changed, none younger than 29 days can be deleted (a day's margin
            // under the shortest retention, ActivityOptions.MinRetentionDays), and the table cannot be truncated.
            migrationBuilder.Sql("""
                CREATE FUNCTION "Activity_NeverUpdated"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The activity log is append-only: a record is never changed.';
                END $$;
                CREATE TRIGGER "Activity_NeverUpdated" BEFORE UPDATE ON "Activity"
                    FOR EACH ROW EXECUTE FUNCTION "Activity_NeverUpdated"();

                CREATE FUNCTION "Activity_RecentKept"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."At" > now() - interval '29 days' THEN
                        RAISE EXCEPTION 'The activity log keeps every record of the last 29 days: only retention removes older ones.';
                    END IF;
                    RETURN OLD;
                END $$;
                CREATE TRIGGER "Activity_RecentKept" BEFORE DELETE ON "Activity"
                    FOR EACH ROW EXECUTE FUNCTION "Activity_RecentKept"();

                CREATE FUNCTION "Activity_NeverTruncated"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The activity log is append-only: the table is never truncated.';
                END $$;
                CREATE TRIGGER "Activity_NeverTruncated" BEFORE TRUNCATE ON "Activity"
                    FOR EACH STATEMENT EXECUTE FUNCTION "Activity_NeverTruncated"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Activity_NeverTruncated" ON "Activity";
                DROP TRIGGER IF EXISTS "Activity_RecentKept" ON "Activity";
                DROP TRIGGER IF EXISTS "Activity_NeverUpdated" ON "Activity";
                DROP FUNCTION IF EXISTS "Activity_NeverTruncated"();
                DROP FUNCTION IF EXISTS "Activity_RecentKept"();
                DROP FUNCTION IF EXISTS "Activity_NeverUpdated"();
                """);

            migrationBuilder.DropTable(
                name: "Activity");

            migrationBuilder.DropTable(
                name: "JobItems");

            migrationBuilder.DropTable(
                name: "Jobs");
        }
    }
}
