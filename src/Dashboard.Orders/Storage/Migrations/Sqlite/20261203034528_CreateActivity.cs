using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Orders.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreateActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Activity",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    UserTenant = table.Column<string>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", nullable: true),
                    CustomerName = table.Column<string>(type: "TEXT", nullable: true),
                    OrderId = table.Column<string>(type: "TEXT", nullable: true),
                    Lines = table.Column<string>(type: "TEXT", nullable: true),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    CorrelationId = table.Column<string>(type: "TEXT", nullable: true),
                    RequestId = table.Column<string>(type: "TEXT", nullable: true),
                    Instance = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activity", x => x.Id);
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

            // Hand-written: the activity log is append-only in the database itself (docs/activity-log.md). No record is
            // ever changed, and none younger than 29 days can be deleted: a day's margin under the shortest retention
            // (ActivityOptions.MinRetentionDays, 30 days), so that retention's own cut-off, taken on the dashboard's clock,
            // never meets the trigger's. "At" holds EF Core's DateTimeOffsetToBinaryConverter value: (UTC ticks / 1000) << 11.
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql("""
                    CREATE TRIGGER "Activity_NeverUpdated" BEFORE UPDATE ON "Activity"
                    BEGIN
                        SELECT RAISE(ABORT, 'The activity log is append-only: a record is never changed.');
                    END;
                    """);
                migrationBuilder.Sql("""
                    CREATE TRIGGER "Activity_RecentKept" BEFORE DELETE ON "Activity"
                    WHEN OLD."At" > (CAST(strftime('%s', 'now') AS INTEGER) - 29 * 86400 + 62135596800) * 10000 * 2048
                    BEGIN
                        SELECT RAISE(ABORT, 'The activity log keeps every record of the last 29 days: only retention removes older ones.');
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Activity_NeverUpdated\";");
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Activity_RecentKept\";");
            }

            migrationBuilder.DropTable(
                name: "Activity");
        }
    }
}
