//! A downstream program written only from the documented usage of `cloudflare-tokens-client`:
//! configured from the environment, it fetches a token's details and verifies the token.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = cloudflare_tokens_client::Client::from_env()?;
    let account_id = "023e105f4ecef8ad9ca31a8372d0c353";
    let token_id = "ed17574386854bf78a67040be0a770b0";

    let token = client.accounts().tokens().get(account_id, token_id).await?;
    println!("id: {}", token.id.as_deref().unwrap_or("-"));
    println!("name: {}", token.name.as_deref().unwrap_or("-"));
    if let Some(status) = &token.status {
        println!("status: {status}");
    }
    for policy in token.policies.iter().flatten() {
        let groups: Vec<&str> = policy.permission_groups.iter().filter_map(|g| g.name.as_deref()).collect();
        println!("policy: {} {} [{}]", policy.id, policy.effect, groups.join(", "));
    }

    let status = client.user().tokens().verify().await?;
    println!("verify: {} {}", status.id, status.status);
    if let Some(expires) = status.expires_on {
        println!("expires_on: {}", expires.to_rfc3339());
    }
    Ok(())
}
