using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Conversa.Api.Hosting;

/// <summary>Names the document and declares the two ways to authenticate, so Swagger UI offers "Authorize".</summary>
public static class OpenApiDocumentSetup
{
    public static void Configure(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "Conversa API";
        document.Info.Description = "Multi-tenant conversational AI backend. Authenticate with a user token or a tenant API key.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A user token from POST /api/auth/login, or a secret key sk_...",
        };
        document.Components.SecuritySchemes["api_key"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "A tenant API key: sk_... (server to server) or pk_... (widget).",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("api_key", document)] = [] },
        ];
        return Task.CompletedTask;
    });
}
