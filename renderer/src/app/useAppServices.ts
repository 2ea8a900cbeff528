import { useContext } from 'react';
import { AppServicesContext, type AppServices } from './app-services';

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useAppServices needs an AppServicesContext provider');
  return services;
}
