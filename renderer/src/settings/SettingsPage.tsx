import { navigate, type SettingsSection } from '../routing/route';
import { EndpointsSection } from './EndpointsSection';
import { ForwardingSection } from './ForwardingSection';
import { PricesSection } from './PricesSection';
import { RedactionSection } from './RedactionSection';
import { StorageSection } from './StorageSection';
import './settings-sections.css';

const SECTIONS: readonly { id: SettingsSection; label: string }[] = [
  { id: 'prices', label: 'Prices' },
  { id: 'redaction', label: 'Redaction' },
  { id: 'storage', label: 'Storage' },
  { id: 'forwarding', label: 'Forwarding' },
  { id: 'endpoints', label: 'Endpoints' },
];

/** Settings, one section at a time, drawn over the runs list. */
export function SettingsPage({ section }: { section: SettingsSection }) {
  return (
    <div className="settings-page" data-testid="settings-page" data-section={section}>
      <nav className="settings-page__nav" aria-label="Settings sections">
        <h1 className="settings-page__title">Settings</h1>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a
                href={`#/settings/${s.id}`}
                className={s.id === section ? 'settings-nav-link is-active' : 'settings-nav-link'}
                aria-current={s.id === section ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate({ page: 'settings', section: s.id }, { replace: true });
                }}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-page__content">
        {section === 'prices' && <PricesSection />}
        {section === 'redaction' && <RedactionSection />}
        {section === 'storage' && <StorageSection />}
        {section === 'forwarding' && <ForwardingSection />}
        {section === 'endpoints' && <EndpointsSection />}
      </div>
    </div>
  );
}
